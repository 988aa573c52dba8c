package dev.vireo.signaling.messages;

import java.util.Locale;

/**
 * {@code {"type":"host-action","action":"mute-audio","participantId":"p2"}}: a host runs the room. Only a
 * participant whose role is {@code host} may send it; the server answers anyone else with {@code forbidden}.
 *
 * @param action        what to do
 * @param participantId whom to do it to; null for {@link Action#END_MEETING}
 */
public record HostAction(Action action, String participantId) implements ClientMessage {
    public static final String TYPE = "host-action";

    /** The host controls. */
    public enum Action {
        /** Turn the target's microphone off (they may turn it on again themselves). */
        MUTE_AUDIO(true),
        /** Turn the target's camera off (they may turn it on again themselves). */
        MUTE_VIDEO(true),
        /** End the target's stay: {@code bye} reason {@code removed}, and their token may not rejoin for a while. */
        REMOVE(true),
        /** Give the target the host role too. */
        MAKE_HOST(true),
        /** End the meeting for everyone: {@code bye} reason {@code meeting-ended}. */
        END_MEETING(false);

        private final boolean needsTarget;

        Action(boolean needsTarget) {
            this.needsTarget = needsTarget;
        }

        public boolean needsTarget() {
            return needsTarget;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The action with this wire name, or null. */
        public static Action parse(String wireName) {
            for (Action a : values()) {
                if (a.wireName().equals(wireName)) {
                    return a;
                }
            }
            return null;
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
