package dev.vireo.agent.signal;

import java.util.Set;

/**
 * Which refusals are permanent. Pure rules, shared by the Vireo and WHIP clients and table-tested.
 *
 * <p>Vireo signaling (docs/signaling.md): an {@code error} answering {@code join} is permanent unless its code says
 * the server had a passing problem ({@code internal}, {@code rate-limited}): the join carries nothing the agent
 * could change on a retry (room, name, token), so {@code bad-request}, {@code unsupported-version} and whatever
 * code the server uses for a bad or expired token or an unknown or forbidden room all stop the agent. Errors
 * answering other messages (a refused offer, say) are transient: the agent reconnects and offers again.
 *
 * <p>WHIP (RFC 9725 §4.2, RFC 9110): 400, 401, 403, 404, 405, 410, 415 and 422 are permanent; 5xx, 408, 425, 429
 * and network errors are transient.
 */
public final class Refusals {
    private static final Set<String> TRANSIENT_JOIN_CODES = Set.of("internal", "rate-limited", "too-large");
    private static final Set<Integer> PERMANENT_HTTP = Set.of(400, 401, 403, 404, 405, 410, 415, 422);

    private Refusals() {
    }

    /** Whether a Vireo {@code error} with {@code code}, answering a message of {@code requestType}, is permanent. */
    public static boolean isPermanentSignalingError(String code, String requestType) {
        return "join".equals(requestType) && !TRANSIENT_JOIN_CODES.contains(code);
    }

    /** Whether a WHIP server's HTTP status is a permanent refusal. */
    public static boolean isPermanentHttpStatus(int status) {
        return PERMANENT_HTTP.contains(status);
    }
}
