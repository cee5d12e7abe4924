package dev.sparring.codecs.opus;

import club.minnced.opus.util.OpusLibrary;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import tomp2p.opuswrapper.Opus;

/**
 * The libopus entry points, bound once per JVM from the library bundled in opus-java-natives.
 *
 * <p>The per-frame calls ({@code opus_encode}, {@code opus_decode}) use JNA direct mapping: a
 * static native method costs a plain JNI call, where opus-java's interface mapping goes through a
 * reflective proxy and boxes its arguments on every call. The variadic {@code *_ctl} calls cannot
 * be direct-mapped portably (variadic arguments travel differently on some ABIs), so they go
 * through opus-java's interface, which handles varargs; they run only at setup. Stateless and
 * thread-safe; the encoder and decoder states passed in belong to their callers.
 */
final class LibOpus {

    static final int OPUS_OK = 0;
    static final int OPUS_APPLICATION_VOIP = 2048;
    static final int OPUS_SET_BITRATE_REQUEST = 4002;
    static final int OPUS_SET_VBR_REQUEST = 4006;
    static final int OPUS_SET_COMPLEXITY_REQUEST = 4010;
    static final int OPUS_SET_INBAND_FEC_REQUEST = 4012;
    static final int OPUS_SET_PACKET_LOSS_PERC_REQUEST = 4014;
    static final int OPUS_SET_DTX_REQUEST = 4016;
    static final int OPUS_SET_SIGNAL_REQUEST = 4024;
    static final int OPUS_GET_LOOKAHEAD_REQUEST = 4027;
    static final int OPUS_SIGNAL_VOICE = 3001;

    /**
     * Which libopus to bind: {@code bundled} (default: the 1.1.2 build in opus-java-natives, so
     * the JVM needs nothing installed), {@code system} (the platform's libopus, e.g. Debian's
     * {@code libopus0} 1.3.1: newer and faster) or an absolute path to a libopus shared library.
     */
    static final String LIBRARY_PROPERTY = "sparring.opus.library";

    static {
        String path = resolve(System.getProperty(LIBRARY_PROPERTY, "bundled"));
        // opus-java's interface (used for the ctl calls) loads whatever opus.lib names: the same library.
        System.setProperty("opus.lib", path);
        Native.register(LibOpus.class, NativeLibrary.getInstance(path));
    }

    private static String resolve(String choice) {
        return switch (choice) {
            case "bundled" -> {
                try {
                    if (!OpusLibrary.isInitialized() && !OpusLibrary.loadFromJar()) {
                        throw new OpusException(-3, "libopus is not bundled for this platform: " + System.getProperty("os.arch"));
                    }
                } catch (IOException e) {
                    throw new OpusException("cannot extract libopus from opus-java-natives", e);
                }
                yield System.getProperty("opus.lib");
            }
            case "system" -> {
                try {
                    yield NativeLibrary.getInstance("opus").getFile().getAbsolutePath();
                } catch (UnsatisfiedLinkError e) {
                    throw new OpusException(LIBRARY_PROPERTY + "=system but no libopus is installed", e);
                }
            }
            default -> choice;
        };
    }

    private LibOpus() {
    }

    static native Pointer opus_encoder_create(int sampleRate, int channels, int application, int[] error);

    static native void opus_encoder_destroy(Pointer state);

    static native int opus_encode(Pointer state, short[] pcm, int frameSize, byte[] data, int maxDataBytes);

    static native Pointer opus_decoder_create(int sampleRate, int channels, int[] error);

    static native void opus_decoder_destroy(Pointer state);

    static native int opus_decode(Pointer state, byte[] data, int length, short[] pcm, int frameSize, int decodeFec);

    static native int opus_decoder_ctl(Pointer state, int request);

    static native String opus_strerror(int error);

    static native String opus_get_version_string();

    /** An encoder ctl taking one int argument; returns the libopus status. */
    static int encoderCtl(Pointer state, int request, int value) {
        return Opus.INSTANCE.opus_encoder_ctl(reference(state), request, value);
    }

    /** An encoder ctl reading one int; throws on error. */
    static int encoderGet(Pointer state, int request) {
        java.nio.IntBuffer out = java.nio.IntBuffer.allocate(1);
        int status = Opus.INSTANCE.opus_encoder_ctl(reference(state), request, out);
        OpusException.check(status, "opus_encoder_ctl(" + request + ")");
        return out.get(0);
    }

    private static PointerByReference reference(Pointer state) {
        // PointerType.setPointer replaces the value passed to C: the state address itself.
        PointerByReference reference = new PointerByReference();
        reference.setPointer(state);
        return reference;
    }
}
