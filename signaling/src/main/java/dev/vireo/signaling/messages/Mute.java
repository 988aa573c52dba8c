package dev.vireo.signaling.messages;

/**
 * {@code {"type":"mute","audio":true,"video":false}}: the client's microphone and camera state. Either field may be
 * left out (null here) to keep that flag as it is.
 */
public record Mute(Boolean audio, Boolean video) implements ClientMessage {
    public static final String TYPE = "mute";

    @Override
    public String type() {
        return TYPE;
    }
}
