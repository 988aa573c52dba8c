package dev.vireo.signaling.messages;

/**
 * What everyone in a room knows about one participant.
 *
 * @param role {@code host}, {@code participant} or {@code viewer}: everyone sees who runs the room
 */
public record ParticipantInfo(String id, String name, boolean audioMuted, boolean videoMuted, String role) {
    public ParticipantInfo withMute(Boolean audio, Boolean video) {
        return new ParticipantInfo(id, name, audio == null ? audioMuted : audio, video == null ? videoMuted : video,
                role);
    }

    public ParticipantInfo withName(String newName) {
        return new ParticipantInfo(id, newName, audioMuted, videoMuted, role);
    }

    public ParticipantInfo withRole(String newRole) {
        return new ParticipantInfo(id, name, audioMuted, videoMuted, newRole);
    }
}
