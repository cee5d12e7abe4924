package dev.sparring.loadtest.twilio;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The Twilio identifiers of one emulated call: SIDs are a two-letter prefix and 32 hex digits.
 *
 * @param accountSid {@code AC…}
 * @param callSid {@code CA…}
 * @param streamSid {@code MZ…}
 */
public record StreamIds(String accountSid, String callSid, String streamSid) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** @return fresh call and stream SIDs under {@code accountSid} */
    public static StreamIds generate(String accountSid) {
        return new StreamIds(accountSid, sid("CA"), sid("MZ"));
    }

    /** @return {@code prefix} followed by 32 random lowercase hex digits, like Twilio's SIDs */
    public static String sid(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
