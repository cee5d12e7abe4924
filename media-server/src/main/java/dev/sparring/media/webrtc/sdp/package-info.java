/**
 * SDP offer/answer for browser WebRTC audio: parse a browser's offer, render our ICE-lite,
 * DTLS-passive, Opus-only answer.
 */
package dev.sparring.media.webrtc.sdp;
