package dev.vireo.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The parsers never fail with anything but {@link SdpException}, and what parses writes back to text that parses to the
 * same text. Seeds and kept crashers live in {@code SessionDescriptionFuzzTestInputs/} beside the captures.
 */
class SessionDescriptionFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parse(FuzzedDataProvider data) {
        String text = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        SessionDescription sd;
        try {
            sd = SessionDescription.parse(text);
        } catch (SdpException expected) {
            return;
        }
        String written = sd.toString();
        try {
            assertEquals(written, SessionDescription.parse(written).toString());
        } catch (SdpException e) {
            throw new AssertionError("written description does not parse: " + e.getMessage(), e);
        }
        readEveryAccessor(sd);
        offerAndAnswerRules(text);
    }

    private static void readEveryAccessor(SessionDescription sd) {
        sd.groups();
        sd.bundle();
        for (MediaDescription m : sd.media()) {
            m.kind();
            m.direction();
            m.ssrcs();
            m.candidates();
            for (RtpMap map : m.rtpMaps()) {
                m.fmtpParameters(map.payloadType());
                m.rtcpFeedback(map.payloadType());
                m.rtxPayloadTypeFor(map.payloadType());
                Codec.of(map);
            }
        }
    }

    /** The SFU's rules on top of the parser must also fail only with SdpException. */
    private static void offerAndAnswerRules(String text) {
        try {
            PublishOffer offer = PublishOffer.parse(text);
            SessionDescription.parse(offer.answer(Captures.LOCAL));
        } catch (SdpException expected) {
            // rejected offers are fine
        }
        try {
            SubscribeOffer.parseAnswer(text, List.of(
                    new OutgoingTrack("0", MediaKind.AUDIO, true, 1, "s", "a", "c"),
                    new OutgoingTrack("1", MediaKind.VIDEO, true, 2, "s", "v", "c")));
        } catch (SdpException expected) {
            // rejected answers are fine
        }
    }
}
