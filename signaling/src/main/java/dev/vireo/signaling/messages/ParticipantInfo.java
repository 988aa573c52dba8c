package dev.vireo.signaling.messages;

/** What everyone in a room knows about one participant. */
public record ParticipantInfo(String id, String name, boolean audioMuted, boolean videoMuted) {
    public ParticipantInfo withMute(Boolean audio, Boolean video) {
        return new ParticipantInfo(id, name, audio == null ? audioMuted : audio, video == null ? videoMuted : video);
    }

    public ParticipantInfo withName(String newName) {
        return new ParticipantInfo(id, newName, audioMuted, videoMuted);
    }
}
