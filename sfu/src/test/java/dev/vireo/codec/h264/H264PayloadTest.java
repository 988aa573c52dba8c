package dev.vireo.codec.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.rtp.HexFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class H264PayloadTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"stap-a-sps-pps, true, 24", "stap-a-sei-pps, false, 24", "fu-a-idr-start, true, 28",
            "fu-a-idr-middle, false, 28", "single-idr, true, 5", "single-non-idr, false, 1"})
    void detectsKeyFrames(String fixture, boolean keyframe, int type) {
        byte[] payload = HexFixture.load("/dev/vireo/codec/h264/" + fixture + ".hex");
        byte[] b = HexFixture.embed(payload, 3);
        assertEquals(keyframe, H264Payload.isKeyframe(b, 3, payload.length));
        assertEquals(type, H264Payload.nalUnitType(b, 3, payload.length));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SPS alone                                 | 67 42 c0 1f         | true
            STAP-A with IDR after a PPS               | 78 00 02 68 ce 00 02 65 88 | true
            STAP-A whose size overruns before the SPS | 78 00 09 68 ce 00 02 67 42 | false
            STAP-A with a zero size                   | 78 00 00 67 42      | false
            STAP-A header only                        | 78                  | false
            FU-A of an SPS start                      | 7c 87 42            | true
            FU-A end fragment of IDR                  | 7c 45 00            | false
            FU-A without FU header                    | 7c                  | false
            PPS alone                                 | 68 ce 3c 80         | false
            """)
    void edgeCases(String why, String hex, boolean keyframe) {
        byte[] b = HexFixture.parse(hex);
        assertEquals(keyframe, H264Payload.isKeyframe(b, 0, b.length), why);
    }

    @Test
    void emptyOrOutsideTheArray() {
        assertEquals(false, H264Payload.isKeyframe(new byte[4], 0, 0));
        assertEquals(false, H264Payload.isKeyframe(new byte[4], 3, 2));
        assertEquals(-1, H264Payload.nalUnitType(new byte[4], 4, 0));
        assertEquals(false, H264Payload.isKeyframe(null, 0, 1));
    }
}
