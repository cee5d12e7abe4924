/**
 * Sample-rate conversion for streaming audio: {@link dev.sparring.codecs.resample.Resampler}, a
 * stateful polyphase windowed-sinc FIR converter, one instance per direction per call.
 */
package dev.sparring.codecs.resample;
