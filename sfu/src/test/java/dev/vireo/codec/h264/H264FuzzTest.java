package dev.vireo.codec.h264;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vireo.rtp.HexFixture;

/** Fuzz target for H.264 key frame detection; inputs in {@code H264FuzzTestInputs/payload/}. */
class H264FuzzTest {
    private static final int OFF = 2;

    @FuzzTest
    void payload(FuzzedDataProvider data) {
        byte[] payload = data.consumeRemainingAsBytes();
        byte[] b = HexFixture.embed(payload, OFF);
        int type = H264Payload.nalUnitType(b, OFF, payload.length);
        assertTrue(type >= -1 && type <= 31);
        boolean key = H264Payload.isKeyframe(b, OFF, payload.length);
        assertTrue(!key || payload.length >= 1);
    }
}
