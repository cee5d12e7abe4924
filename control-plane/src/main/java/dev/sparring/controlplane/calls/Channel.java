package dev.sparring.controlplane.calls;

import dev.sparring.controlplane.db.DbEnum;

/** How the rep is connected: a phone call through Twilio Media Streams, or a browser over WebRTC. */
public enum Channel implements DbEnum {
    TWILIO("twilio"),
    WEBRTC("webrtc");

    private final String dbValue;

    Channel(String dbValue) {
        this.dbValue = dbValue;
    }

    @Override
    public String dbValue() {
        return dbValue;
    }

    public static Channel fromDb(String value) {
        return DbEnum.fromDb(Channel.class, value);
    }
}
