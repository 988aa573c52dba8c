package dev.vireo.sfu.forward;

/**
 * Turns a receiver's bandwidth estimate into the budget the {@link LayerAllocator} spends.
 *
 * <p>A receive-side estimate (REMB) never climbs far above what the receiver gets (libwebrtc caps it near 1.5 times
 * the incoming rate), so spending only the estimate would keep a subscriber on the lowest layer forever. The estimate
 * therefore limits the budget only once it shows congestion (it stays well below what is being forwarded); after that it
 * holds for a while: {@code baseHoldNanos}, doubled (up to {@code maxHoldNanos}) each time congestion returns soon
 * after a hold ended, so a link that really is narrow is not probed again every few seconds. Unknown estimates put no limit. A pure class with an injected
 * clock.
 */
public final class DownlinkBudget {
    /**
     * Congestion means the estimate stays under this share of what is forwarded for {@link #CONFIRM_NANOS}: a
     * receive-side estimator answers one overuse with 0.85 times the incoming rate, and a key frame burst after a
     * switch can cause one; a link that cannot carry the stream keeps it far lower.
     */
    private static final double CONGESTED_BELOW = 0.75;
    private static final long CONFIRM_NANOS = 1_000_000_000L;
    /**
     * Under this share no key frame burst explains it: the link carries less than half of what flows, and every
     * second of waiting is a second of heavy loss (a retry of a layer a capped link cannot carry). Limit at once.
     */
    private static final double OVERLOADED_BELOW = 0.5;

    private final long baseHoldNanos;
    private final long maxHoldNanos;
    private long holdNanos;
    private long limitedUntilNanos;
    private boolean limited;
    private boolean released;
    private long releasedAtNanos;
    private boolean below;
    private long belowSinceNanos;

    public DownlinkBudget(long baseHoldNanos, long maxHoldNanos) {
        this.baseHoldNanos = baseHoldNanos;
        this.maxHoldNanos = maxHoldNanos;
        this.holdNanos = baseHoldNanos;
    }

    /**
     * @param estimateBps  the receiver's latest estimate, 0 or less when unknown
     * @param forwardedBps what is being forwarded to it now
     * @return the budget in bits per second, {@link Long#MAX_VALUE} for no limit
     */
    public long budget(long estimateBps, long forwardedBps, long nowNanos) {
        if (estimateBps <= 0) {
            limited = false;
            return Long.MAX_VALUE;
        }
        boolean under = forwardedBps > 0 && estimateBps < CONGESTED_BELOW * forwardedBps;
        if (under && !below) {
            belowSinceNanos = nowNanos;
        }
        below = under;
        boolean overloaded = estimateBps < OVERLOADED_BELOW * forwardedBps;
        if (under && (overloaded || nowNanos - belowSinceNanos >= CONFIRM_NANOS)) {
            if (!limited) {
                boolean soonAgain = released && nowNanos - releasedAtNanos < 2 * holdNanos;
                holdNanos = soonAgain ? Math.min(maxHoldNanos, holdNanos * 2) : baseHoldNanos;
            }
            limited = true;
            limitedUntilNanos = nowNanos + holdNanos;
        }
        if (limited && nowNanos < limitedUntilNanos) {
            return estimateBps;
        }
        if (limited) {
            limited = false;
            released = true;
            releasedAtNanos = nowNanos;
        }
        return Long.MAX_VALUE;
    }
}
