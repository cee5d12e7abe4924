/** The rep's audio: WAV files and FreeTTS lines converted once to pre-encoded μ-law 8 kHz frames. */
package dev.sparring.loadtest.audio;
