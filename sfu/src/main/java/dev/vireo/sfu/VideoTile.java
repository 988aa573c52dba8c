package dev.vireo.sfu;

/**
 * How a subscriber's page shows one publisher's video: the tile's rendered size in device pixels, whether it is on
 * screen, and whether the page gives it priority (speaker or screen-share tile).
 */
public record VideoTile(int width, int height, boolean visible, boolean priority) {
}
