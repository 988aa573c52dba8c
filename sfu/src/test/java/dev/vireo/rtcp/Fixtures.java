package dev.vireo.rtcp;

import dev.vireo.rtp.HexFixture;
import java.util.Arrays;

/** RTCP fixtures under src/test/resources/dev/vireo/rtcp. */
final class Fixtures {
    /** Where fixtures are placed inside a larger array, so offsets are exercised. */
    static final int OFF = 6;

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        return HexFixture.load("/dev/vireo/rtcp/" + name + ".hex");
    }

    static byte[] embedded(String name) {
        return HexFixture.embed(bytes(name), OFF);
    }

    static byte[] slice(byte[] b, int off, int len) {
        return Arrays.copyOfRange(b, off, off + len);
    }
}
