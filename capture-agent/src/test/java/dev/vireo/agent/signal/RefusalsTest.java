package dev.vireo.agent.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RefusalsTest {
    @ParameterizedTest
    @CsvSource({
        "bad-request, join, true",
        "unsupported-version, join, true",
        "invalid-token, join, true",
        "forbidden, join, true",
        "unknown-room, join, true",
        "internal, join, false",
        "rate-limited, join, false",
        "too-large, join, false",
        "invalid-sdp, publish-offer, false",
        "bad-request, candidate, false",
        "not-joined, '', false",
    })
    void signalingErrors(String code, String requestType, boolean permanent) {
        assertEquals(permanent, Refusals.isPermanentSignalingError(code, requestType));
    }

    @ParameterizedTest
    @CsvSource({"400, true", "401, true", "403, true", "404, true", "415, true", "422, true",
        "408, false", "429, false", "500, false", "502, false", "503, false"})
    void whipStatuses(int status, boolean permanent) {
        assertEquals(permanent, Refusals.isPermanentHttpStatus(status));
    }
}
