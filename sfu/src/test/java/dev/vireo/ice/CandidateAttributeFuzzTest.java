package dev.vireo.ice;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

class CandidateAttributeFuzzTest {
    /** Any text either parses, and then writes back to something that parses the same, or is refused cleanly. */
    @FuzzTest
    void parse(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        CandidateAttribute parsed;
        try {
            parsed = CandidateAttribute.parse(text);
        } catch (IllegalArgumentException expected) {
            return;
        }
        CandidateAttribute again = CandidateAttribute.parse(parsed.toAttributeValue());
        if (!again.equals(parsed)) {
            throw new IllegalStateException("round trip changed " + parsed + " into " + again);
        }
    }
}
