// Tells the server how each remote participant's video is shown, so it sends the layer that fits (and nothing to
// tiles that are off screen): the "video-layout" message (docs/signaling.md).

const INTERVAL_MS = 250;

/** A tile's rendered size in device pixels and whether any of it is on screen in a visible page. */
function measure(element) {
  const rect = element.getBoundingClientRect();
  const onScreen = rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
    && rect.top < window.innerHeight && rect.left < window.innerWidth;
  const ratio = window.devicePixelRatio || 1;
  return {
    width: Math.round(rect.width * ratio),
    height: Math.round(rect.height * ratio),
    visible: onScreen && document.visibilityState !== 'hidden',
  };
}

export class LayoutReporter {
  #tiles;
  #send;
  #timer = null;
  #last = '';

  /** @param {import('./tiles.js').TileGrid} tiles @param {function(object): boolean} send */
  constructor(tiles, send) {
    this.#tiles = tiles;
    this.#send = send;
  }

  start() {
    this.#last = '';
    this.stop();
    this.#timer = setInterval(() => this.report(), INTERVAL_MS);
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.report();
  }

  stop() {
    clearInterval(this.#timer);
    this.#timer = null;
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  /** Sends the layout if it changed since the last one sent. */
  report() {
    const tiles = [];
    for (const [participantId, tile] of this.#tiles.remoteEntries()) {
      tiles.push({ participantId, ...measure(tile.element), ...(tile.priority ? { priority: true } : {}) });
    }
    const text = JSON.stringify(tiles);
    if (text !== this.#last && this.#send({ type: 'video-layout', tiles })) {
      this.#last = text;
    }
  }

  #onVisibility = () => this.report();
}
