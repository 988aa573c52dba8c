package dev.vireo.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The SDP captured from Chromium 156 (see README.md beside the files) and the transport the capture tool used. */
final class Captures {
    /** Publish offers made by Chromium. */
    static final List<String> PUBLISH_OFFERS = List.of("publish-audio-video", "publish-audio-only",
            "publish-simulcast", "publish-h264", "publish-datachannel");

    /** The LocalTransport of the capture tool; the committed Vireo SDP was written with it. */
    static final LocalTransport LOCAL = new LocalTransport("vIr3", "0123456789abcdefghijklmn",
            List.of("candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host"), "sha-256 " + "AB:".repeat(31) + "CD");

    /** The session id the capture tool passed to PublishOffer.answer. */
    static final long ANSWER_SESSION_ID = 4242;

    private Captures() {
    }

    static String read(String name) {
        try (InputStream in = Captures.class.getResourceAsStream(name + ".sdp")) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tracks the capture tool offered in SUBSCRIBE offer version 1 and 2. */
    static List<OutgoingTrack> subscribeTracks(int version) {
        if (version == 1) {
            return List.of(
                    new OutgoingTrack("0", MediaKind.AUDIO, true, 1111, "alice", "alice-audio", "alicecname"),
                    new OutgoingTrack("1", MediaKind.VIDEO, true, 2222, "alice", "alice-video", "alicecname", 3333));
        }
        return List.of(
                new OutgoingTrack("0", MediaKind.AUDIO, false, 0, null, null, null),
                new OutgoingTrack("1", MediaKind.VIDEO, true, 2222, "alice", "alice-video", "alicecname", 3333),
                new OutgoingTrack("2", MediaKind.AUDIO, true, 4444, "bob", "bob-audio", "bobcname"),
                new OutgoingTrack("3", MediaKind.VIDEO, true, 5555, "bob", "bob-video", "bobcname"));
    }
}
