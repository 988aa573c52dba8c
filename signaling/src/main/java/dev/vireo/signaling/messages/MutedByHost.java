package dev.vireo.signaling.messages;

/**
 * Sent to a participant whose microphone or camera a host turned off: the client turns the track off and shows it.
 * The participant may turn it on again. The others hear of it as {@code participant-updated}.
 *
 * @param audio true when the microphone was turned off, else null
 * @param video true when the camera was turned off, else null
 * @param by    the host's participant id
 */
public record MutedByHost(Boolean audio, Boolean video, String by) implements ServerMessage {
    public static final String TYPE = "muted-by-host";

    @Override
    public String type() {
        return TYPE;
    }
}
