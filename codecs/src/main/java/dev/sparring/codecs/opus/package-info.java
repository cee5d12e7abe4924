/**
 * Opus for the WebRTC transport, through libopus bundled by opus-java and bound with JNA:
 * {@link dev.sparring.codecs.opus.OpusEncoder} and {@link dev.sparring.codecs.opus.OpusDecoder}
 * work in the pipeline's format (PCM16 mono 16 kHz, 20 ms frames) while the RTP clock stays
 * 48 kHz. The JVM needs {@code --enable-native-access=ALL-UNNAMED} on JDK 22+.
 */
package dev.sparring.codecs.opus;
