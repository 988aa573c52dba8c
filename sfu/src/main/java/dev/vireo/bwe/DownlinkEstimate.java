package dev.vireo.bwe;

/** How many bits per second the path from the SFU to one subscriber carries now, as estimated. */
public interface DownlinkEstimate {
    long bitsPerSecond();
}
