/**
 * The Twilio caller emulator: call placement (voice webhook with {@code X-Twilio-Signature}, or the
 * REST API) and the Media Streams client on Netty. Entry point: {@link dev.sparring.loadtest.twilio.CallerEmulator}.
 */
package dev.sparring.loadtest.twilio;
