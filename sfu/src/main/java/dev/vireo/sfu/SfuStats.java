package dev.vireo.sfu;

/** A snapshot of the media plane's counters. */
public record SfuStats(int rooms, int participants, long packetsReceived, long packetsForwarded,
                       long srtpAuthFailures) {
}
