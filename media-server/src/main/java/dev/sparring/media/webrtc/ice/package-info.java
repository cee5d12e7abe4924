/**
 * ICE-lite (RFC 8445 §2.5) for the WebRTC transport: credentials, and one agent per peer that
 * answers connectivity checks, tracks the nominated address and consent freshness (RFC 7675).
 */
package dev.sparring.media.webrtc.ice;
