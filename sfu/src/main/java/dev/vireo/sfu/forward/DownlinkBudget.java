package dev.vireo.sfu.forward;

/**
 * Turns a receiver's bandwidth estimate into the budget the {@link LayerAllocator} spends.
 *
 * <p>A receive-side estimate (REMB) never climbs far above what the receiver gets (libwebrtc caps it near 1.5 times
 * the incoming rate), so spending only the estimate would keep a subscriber on the lowest layer forever. The estimate
 * therefore limits the budget only once it shows congestion (it stays well below what is being forwarded); after that it
 * holds for a while: {@code baseHoldNanos}, doubled (up to {@code maxHoldNanos}) each time congestion returns soon
 * after a hold ended, so a link that really is narrow is not retried every few seconds ({@link #budget}). That retry
 * of a whole layer is the fallback for subscribers the SFU cannot probe; where it can (RTX negotiated), the estimate
 * climbs by probing and is the budget itself ({@link #probedBudget}). Unknown estimates put no limit. A pure class
 * with an injected clock; one instance serves one subscriber in one of the two modes.
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
        if (congested(estimateBps, forwardedBps, nowNanos)) {
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

    /**
     * The budget of a subscriber whose estimate climbs by probing (its transport sends probe clusters): the estimate
     * itself, which only probes (and the controllers' slow increase) raise, so no hold and no retry of a layer the
     * link may not carry. A dip under what is being forwarded counts only once it is congestion as {@link #budget}
     * sees it (under {@link #CONGESTED_BELOW} of it for {@link #CONFIRM_NANOS}, or under {@link #OVERLOADED_BELOW}
     * at once); until then what flows stays affordable, so one overuse verdict or a key frame burst moves no layer.
     *
     * @return the budget in bits per second, {@link Long#MAX_VALUE} when the estimate is unknown
     */
    public long probedBudget(long estimateBps, long forwardedBps, long nowNanos) {
        if (estimateBps <= 0) {
            below = false;
            return Long.MAX_VALUE;
        }
        return congested(estimateBps, forwardedBps, nowNanos) ? estimateBps : Math.max(estimateBps, forwardedBps);
    }

    /**
     * Whether the estimate says the downlink is congested: under {@link #CONGESTED_BELOW} of what is forwarded for
     * {@link #CONFIRM_NANOS}, or under {@link #OVERLOADED_BELOW} of it at once. Tracks how long it has been under.
     */
    private boolean congested(long estimateBps, long forwardedBps, long nowNanos) {
        boolean under = forwardedBps > 0 && estimateBps < CONGESTED_BELOW * forwardedBps;
        if (under && !below) {
            belowSinceNanos = nowNanos;
        }
        below = under;
        return under && (estimateBps < OVERLOADED_BELOW * forwardedBps || nowNanos - belowSinceNanos >= CONFIRM_NANOS);
    }
}
