/**
 * G.711 companding (ITU-T G.711), bit-exact with the ITU-T G.191 software tool library
 * ({@code g711.c}): {@link dev.sparring.codecs.g711.MuLaw} for North American and Japanese
 * telephony (Twilio Media Streams, {@code audio/pcmu}) and {@link dev.sparring.codecs.g711.ALaw}
 * for the rest of the world ({@code audio/pcma}).
 *
 * <p>Linear samples are 16-bit two's complement; μ-law uses their 14 most significant bits and
 * A-law their 13, as in the reference. Both classes are stateless and thread-safe.
 */
package dev.sparring.codecs.g711;
