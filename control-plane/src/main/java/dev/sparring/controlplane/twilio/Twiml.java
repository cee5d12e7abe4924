package dev.sparring.controlplane.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Stream;

/** The TwiML documents the voice webhook answers with, built with Twilio's own library. */
public final class Twiml {
    private Twiml() {
    }

    /**
     * {@code <Response><Connect><Stream url=… statusCallback=…><Parameter name="token" …/></Stream></Connect></Response>}:
     * a bidirectional Media Stream to the media server, carrying the session token (stream URLs
     * cannot carry a query string, so the token travels as a custom parameter).
     */
    public static String connectStream(String streamUrl, String token, String statusCallbackUrl) {
        Stream stream = new Stream.Builder()
                .url(streamUrl)
                .statusCallback(statusCallbackUrl)
                .statusCallbackMethod(Stream.StatusCallbackMethod.POST)
                .parameter(new Parameter.Builder().name("token").value(token).build())
                .build();
        return new VoiceResponse.Builder()
                .connect(new Connect.Builder().stream(stream).build())
                .build()
                .toXml();
    }

    /** A polite spoken refusal followed by a hang-up, for calls that cannot be served. */
    public static String sayAndHangUp(String message) {
        return new VoiceResponse.Builder()
                .say(new Say.Builder(message).build())
                .hangup(new com.twilio.twiml.voice.Hangup.Builder().build())
                .build()
                .toXml();
    }
}
