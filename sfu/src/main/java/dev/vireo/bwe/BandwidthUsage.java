package dev.vireo.bwe;

/** What the delay trend says about the bottleneck's queue (draft-ietf-rmcat-gcc-02 §5.4). */
public enum BandwidthUsage {
    /** The queue is stable. */
    NORMAL,
    /** The queue grows: we send more than the path carries. */
    OVERUSING,
    /** The queue drains: a burst is leaving it; hold, do not increase yet. */
    UNDERUSING
}
