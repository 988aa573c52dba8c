package dev.vireo.dtls;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fingerprint.parse takes a value straight from a peer's SDP: it must refuse, never crash, whatever it is given. */
class FingerprintFuzzTest {

    @FuzzTest
    void parseRefusesOrRoundTrips(FuzzedDataProvider data) {
        String input = data.consumeRemainingAsString();
        Fingerprint parsed;
        try {
            parsed = Fingerprint.parse(input);
        } catch (IllegalArgumentException refused) {
            return;
        }
        if (!Fingerprint.parse(parsed.toSdpValue()).equals(parsed)) {
            throw new AssertionError("round trip changed " + input);
        }
    }
}
