package dev.vireo.sfu.forward;

/**
 * Decides which layers of a simulcast track the publisher should encode: the ones some subscriber forwards or waits
 * for. A layer that becomes needed turns on at once (a subscriber is waiting for it); one that is no longer needed
 * turns off only after {@code offDelayNanos} without anyone needing it, so a tile that shrinks and grows back, or an
 * allocation that hesitates, does not make the publisher's encoder flap. The lowest layer always stays on: it is what
 * a newly joining subscriber starts with. A pure class with an injected clock.
 */
public final class DynacastPolicy {
    private final int layerCount;
    private final long offDelayNanos;
    private final long[] lastNeededNanos;
    private int active;

    /** All layers start active, as the publisher starts sending them. */
    public DynacastPolicy(int layerCount, long offDelayNanos, long nowNanos) {
        this.layerCount = layerCount;
        this.offDelayNanos = offDelayNanos;
        this.lastNeededNanos = new long[layerCount];
        java.util.Arrays.fill(lastNeededNanos, nowNanos);
        this.active = (1 << layerCount) - 1;
    }

    /**
     * @param needed bit i set when some subscriber needs layer i now
     * @return the layers that should be active, bit i per layer
     */
    public int update(int needed, long nowNanos) {
        int next = 1;
        for (int i = 0; i < layerCount; i++) {
            int bit = 1 << i;
            if ((needed & bit) != 0) {
                lastNeededNanos[i] = nowNanos;
                next |= bit;
            } else if ((active & bit) != 0 && nowNanos - lastNeededNanos[i] < offDelayNanos) {
                next |= bit;
            }
        }
        active = next;
        return active;
    }

    public int active() {
        return active;
    }
}
