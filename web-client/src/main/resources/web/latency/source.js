// The publisher side: a 1280x720 canvas showing the wall clock as a barcode (barcode.js) and as text, captured at
// 30 fps. The clock is repainted every 5 ms, not once per captured frame, so a captured frame carries a time at most
// ~5 ms older than the moment it was captured.

import { bandHeight, paint } from './barcode.js';

const BARS = ['#fff', '#ff0', '#0ff', '#0f0', '#f0f', '#f00', '#00f', '#333'];
const REPAINT_MS = 5;

export class ClockSource {
  #canvas;
  #ctx;
  #timer = null;
  #stream;

  constructor(width = 1280, height = 720, fps = 30) {
    this.#canvas = document.createElement('canvas');
    this.#canvas.width = width;
    this.#canvas.height = height;
    this.#ctx = this.#canvas.getContext('2d');
    this.#paintBackground();
    this.#tick();
    this.#timer = setInterval(() => this.#tick(), REPAINT_MS);
    this.#stream = this.#canvas.captureStream(fps);
  }

  get canvas() {
    return this.#canvas;
  }

  get stream() {
    return this.#stream;
  }

  close() {
    clearInterval(this.#timer);
    this.#stream.getTracks().forEach((t) => t.stop());
  }

  #paintBackground() {
    const { width, height } = this.#canvas;
    const band = bandHeight(height);
    const bar = Math.ceil(width / BARS.length);
    BARS.forEach((colour, i) => {
      this.#ctx.fillStyle = colour;
      this.#ctx.fillRect(i * bar, band, bar, height - band);
    });
  }

  #tick() {
    const { width, height } = this.#canvas;
    const now = Date.now();
    paint(this.#ctx, width, height, now);
    // The readable time and a moving block (so the encoder always has some motion to code).
    const line = Math.floor(height / 12);
    this.#ctx.fillStyle = '#000';
    this.#ctx.fillRect(0, height - 2 * line, width, 2 * line);
    this.#ctx.fillStyle = '#fff';
    this.#ctx.font = `bold ${Math.floor(line * 0.8)}px monospace`;
    this.#ctx.fillText(new Date(now).toISOString().replace('T', ' ').replace('Z', ' UTC'), 10, height - line / 2);
    const x = Math.floor(((now % 4000) / 4000) * (width - line));
    this.#ctx.fillStyle = '#f80';
    this.#ctx.fillRect(x, height - 2 * line, line, line);
  }
}
