// Latency samples and the figures a run reports about them.

/** The value at quantile q (0..1) of ascending `sorted`, nearest-rank; null when empty. */
export function quantile(sorted, q) {
  if (sorted.length === 0) {
    return null;
  }
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export class LatencyRecorder {
  #samples = [];
  #failures = 0;
  #frames = 0;
  #recording = true;

  /** Frames before this are the warm-up: seen but not recorded. */
  start() {
    this.#samples = [];
    this.#failures = 0;
    this.#frames = 0;
    this.#recording = true;
  }

  stop() {
    this.#recording = false;
  }

  /** One presented frame: its latency in ms, or null when its barcode did not decode. */
  frame(latencyMs) {
    if (!this.#recording) {
      return;
    }
    this.#frames++;
    if (latencyMs === null) {
      this.#failures++;
    } else {
      this.#samples.push(latencyMs);
    }
  }

  /** The recorded latencies in ms, in arrival order, for pooling several runs. */
  samples() {
    return [...this.#samples];
  }

  /** @returns {{frames:number, samples:number, decodeFailures:number, p50:?number, p95:?number, max:?number, mean:?number}} */
  summary() {
    const sorted = [...this.#samples].sort((a, b) => a - b);
    const mean = sorted.length ? sorted.reduce((s, v) => s + v, 0) / sorted.length : null;
    return {
      frames: this.#frames,
      samples: sorted.length,
      decodeFailures: this.#failures,
      p50: quantile(sorted, 0.5),
      p95: quantile(sorted, 0.95),
      max: sorted.length ? sorted[sorted.length - 1] : null,
      mean: mean === null ? null : Math.round(mean * 10) / 10,
    };
  }
}
