// The viewer side: every frame the video element presents (requestVideoFrameCallback) is drawn onto a canvas, the
// barcode band read back with getImageData and decoded; latency = the wall clock when the frame is presented minus
// the time in the frame. Publisher and viewer run on the same machine, so they share the clock.

import { bandHeight, read } from './barcode.js';

export class BarcodeViewer {
  #video;
  #recorder;
  #canvas = document.createElement('canvas');
  #ctx = this.#canvas.getContext('2d', { willReadFrequently: true });
  #handle = null;
  #stopped = false;
  /** The last decoded latency, for the page's own display. */
  last = null;

  /**
   * @param {HTMLVideoElement} video plays the received stream
   * @param {import('./stats.js').LatencyRecorder} recorder
   */
  constructor(video, recorder) {
    this.#video = video;
    this.#recorder = recorder;
    this.#handle = video.requestVideoFrameCallback((now, meta) => this.#onFrame(meta));
  }

  stop() {
    this.#stopped = true;
    if (this.#handle !== null) {
      this.#video.cancelVideoFrameCallback(this.#handle);
    }
  }

  #onFrame(meta) {
    if (this.#stopped) {
      return;
    }
    // The clock is read before any work on the frame, so drawing and decoding are not counted as latency.
    const presented = Date.now();
    const width = meta.width || this.#video.videoWidth;
    const height = meta.height || this.#video.videoHeight;
    const band = bandHeight(height);
    if (this.#canvas.width !== width || this.#canvas.height !== band) {
      this.#canvas.width = width;
      this.#canvas.height = band;
    }
    // Only the band's rows: the frame drawn at its own size, cut off below the band.
    this.#ctx.drawImage(this.#video, 0, 0, width, height);
    const sent = read(this.#ctx.getImageData(0, 0, width, band), width, height);
    const latency = sent === null ? null : presented - sent;
    this.last = latency;
    this.#recorder.frame(latency);
    this.#handle = this.#video.requestVideoFrameCallback((now, next) => this.#onFrame(next));
  }
}
