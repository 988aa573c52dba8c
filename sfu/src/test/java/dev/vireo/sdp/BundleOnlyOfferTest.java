package dev.vireo.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 8843 §6: an m-line offered with port 0 and {@code a=bundle-only} lives inside the BUNDLE and is accepted, as
 * GStreamer's webrtcbin offers its second m-line; port 0 without it is still a rejection.
 */
class BundleOnlyOfferTest {
    private static final LocalTransport LOCAL = new LocalTransport("sfuU", "sfupasswordsfupassword00",
            List.of("candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host"), "sha-256 " + "CD:".repeat(31) + "CD");

    private static String offer() throws IOException {
        try (InputStream in = BundleOnlyOfferTest.class.getResourceAsStream("whip-publish-offer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bundleOnlyLinesArePublished() throws Exception {
        String bundleOnly = offer().replace("m=video 9 ", "m=video 0 ").replace("a=mid:1\r\n", "a=mid:1\r\na=bundle-only\r\n");
        PublishOffer offer = PublishOffer.parse(bundleOnly);
        assertEquals(List.of(MediaKind.AUDIO, MediaKind.VIDEO), offer.tracks().stream().map(PublishedTrack::kind).toList());
        assertTrue(offer.answer(LOCAL).contains("m=video 10000 "), "the answer accepts the bundle-only line");

        String rejected = offer().replace("m=video 9 ", "m=video 0 ");
        assertEquals(List.of(MediaKind.AUDIO),
                PublishOffer.parse(rejected).tracks().stream().map(PublishedTrack::kind).toList());
    }

    @Test
    void bundleOnlyLinesAreWatched() throws Exception {
        String recvonly = new String(BundleOnlyOfferTest.class.getResourceAsStream("whep-recvonly-offer.sdp")
                .readAllBytes(), StandardCharsets.UTF_8)
                .replace("m=audio 9 ", "m=audio 0 ").replace("a=mid:1\r\n", "a=mid:1\r\na=bundle-only\r\n");
        assertEquals(2, ViewerOffer.parse(recvonly).lines().size());
    }
}
