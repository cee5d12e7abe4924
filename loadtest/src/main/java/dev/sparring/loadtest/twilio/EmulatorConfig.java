package dev.sparring.loadtest.twilio;

import dev.sparring.loadtest.playback.PlaybackConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of a {@link CallerEmulator}. Start from {@link #defaults(Path)} and change with the
 * {@code with…} methods.
 *
 * @param scriptsDirectory where {@code <name>.yaml} call scripts and their {@code audio/} live
 *     (default: {@code config/scripts})
 * @param accountSid the Twilio account the calls claim to come from (default a fixed test SID)
 * @param authToken signs the voice webhook and the WebSocket upgrade with {@code X-Twilio-Signature}
 *     when present (default: absent, nothing signed)
 * @param eventLoopThreads Netty event loop threads shared by every call (default 1: a thousand
 *     calls fit on one core)
 * @param trustAllCertificates accept any server certificate on {@code wss://} (default false; for
 *     self-signed test servers)
 * @param botResponseTimeout a step waiting for the bot starts anyway after this much bot silence
 *     (default 10 s)
 * @param maxCallDuration the caller hangs up after this, recording an error (default 5 min)
 * @param connectTimeout TCP connect and WebSocket handshake limit (default 5 s)
 * @param playback what the caller counts as bot speech, hangover and underruns
 * @param repAudioDirectory recorded rep lines, {@code <RepAudioLibrary.fileNameFor(text)>.wav}, used
 *     for lines that name no WAV of their own (default: absent, such lines are synthesised)
 */
public record EmulatorConfig(Path scriptsDirectory, String accountSid, Optional<String> authToken,
                             int eventLoopThreads, boolean trustAllCertificates, Duration botResponseTimeout,
                             Duration maxCallDuration, Duration connectTimeout, PlaybackConfig playback,
                             Optional<Path> repAudioDirectory) {

    /** The account SID used unless told otherwise. */
    public static final String DEFAULT_ACCOUNT_SID = "AC00000000000000000000000000000000";

    public EmulatorConfig {
        if (!accountSid.matches("AC[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("account-sid must be AC followed by 32 hex digits: " + accountSid);
        }
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("event-loop-threads must be at least 1: " + eventLoopThreads);
        }
        if (!botResponseTimeout.isPositive() || !maxCallDuration.isPositive() || !connectTimeout.isPositive()) {
            throw new IllegalArgumentException("bot-response-timeout, max-call-duration and connect-timeout must be positive");
        }
    }

    /** @return the documented defaults with scripts read from {@code scriptsDirectory} */
    public static EmulatorConfig defaults(Path scriptsDirectory) {
        return new EmulatorConfig(scriptsDirectory, DEFAULT_ACCOUNT_SID, Optional.empty(), 1, false,
                Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(5), PlaybackConfig.DEFAULTS,
                Optional.empty());
    }

    public EmulatorConfig withAuthToken(String token) {
        return new EmulatorConfig(scriptsDirectory, accountSid, Optional.of(token), eventLoopThreads,
                trustAllCertificates, botResponseTimeout, maxCallDuration, connectTimeout, playback, repAudioDirectory);
    }

    public EmulatorConfig withAccountSid(String sid) {
        return new EmulatorConfig(scriptsDirectory, sid, authToken, eventLoopThreads,
                trustAllCertificates, botResponseTimeout, maxCallDuration, connectTimeout, playback, repAudioDirectory);
    }

    public EmulatorConfig withEventLoopThreads(int threads) {
        return new EmulatorConfig(scriptsDirectory, accountSid, authToken, threads,
                trustAllCertificates, botResponseTimeout, maxCallDuration, connectTimeout, playback, repAudioDirectory);
    }

    public EmulatorConfig withTrustAllCertificates(boolean trustAll) {
        return new EmulatorConfig(scriptsDirectory, accountSid, authToken, eventLoopThreads,
                trustAll, botResponseTimeout, maxCallDuration, connectTimeout, playback, repAudioDirectory);
    }

    public EmulatorConfig withBotResponseTimeout(Duration timeout) {
        return new EmulatorConfig(scriptsDirectory, accountSid, authToken, eventLoopThreads,
                trustAllCertificates, timeout, maxCallDuration, connectTimeout, playback, repAudioDirectory);
    }

    public EmulatorConfig withMaxCallDuration(Duration max) {
        return new EmulatorConfig(scriptsDirectory, accountSid, authToken, eventLoopThreads,
                trustAllCertificates, botResponseTimeout, max, connectTimeout, playback, repAudioDirectory);
    }

    public EmulatorConfig withPlayback(PlaybackConfig config) {
        return new EmulatorConfig(scriptsDirectory, accountSid, authToken, eventLoopThreads,
                trustAllCertificates, botResponseTimeout, maxCallDuration, connectTimeout, config, repAudioDirectory);
    }

    public EmulatorConfig withRepAudioDirectory(Path directory) {
        return new EmulatorConfig(scriptsDirectory, accountSid, authToken, eventLoopThreads,
                trustAllCertificates, botResponseTimeout, maxCallDuration, connectTimeout, playback, Optional.of(directory));
    }
}
