/**
 * STUN (RFC 8489) as ICE uses it: sans-I/O parsing, validation and encoding of Binding messages
 * with MESSAGE-INTEGRITY (short-term credentials) and FINGERPRINT.
 */
package dev.sparring.media.webrtc.stun;
