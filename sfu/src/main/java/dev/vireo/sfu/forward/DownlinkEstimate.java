package dev.vireo.sfu.forward;

/** What one subscriber's downlink is estimated to carry. */
public interface DownlinkEstimate {
    /** The estimate in bits per second; 0 or less while unknown. */
    long bitsPerSecond();
}
