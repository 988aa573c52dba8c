// The wall clock as a row of black and white blocks: the same layout as the capture agent's test pattern
// (capture-agent ClockBarcode + TestPatternPainter), so one decoder reads both.
//
// Layout, 48 blocks left to right across a black band at the top of the picture: white, black (guards: they show
// where the row is and that it is not inverted), 44 bits of the time in ms since the epoch, most significant first
// (white = 1), then the parity of those bits and its inverse. The band is max(16, height/12) pixels tall and each
// block floor(width/48) wide; what is right of the last block stays black.

export const BITS = 44;
export const BLOCKS = BITS + 4;

export function bandHeight(height) {
  return Math.max(16, Math.floor(height / 12));
}

export function blockWidth(width) {
  return Math.floor(width / BLOCKS);
}

/** @returns {boolean[]} the blocks for `millis`; true is white */
export function encode(millis) {
  if (!Number.isSafeInteger(millis) || millis < 0 || millis >= 2 ** BITS) {
    throw new RangeError(`time out of range: ${millis}`);
  }
  const blocks = new Array(BLOCKS).fill(false);
  blocks[0] = true;
  let parity = false;
  // 44 bits do not fit JavaScript's 32-bit bit operators: take them with division.
  let rest = millis;
  for (let i = BITS - 1; i >= 0; i--) {
    const bit = rest % 2 === 1;
    rest = Math.floor(rest / 2);
    blocks[2 + i] = bit;
    parity = parity !== bit;
  }
  blocks[BLOCKS - 2] = parity;
  blocks[BLOCKS - 1] = !parity;
  return blocks;
}

/** @returns {number|null} the time the blocks carry, or null when a guard or the parity does not check out */
export function decode(blocks) {
  if (blocks.length !== BLOCKS || !blocks[0] || blocks[1] || blocks[BLOCKS - 2] === blocks[BLOCKS - 1]) {
    return null;
  }
  let millis = 0;
  let parity = false;
  for (let i = 0; i < BITS; i++) {
    millis = millis * 2 + (blocks[2 + i] ? 1 : 0);
    parity = parity !== blocks[2 + i];
  }
  return parity === blocks[BLOCKS - 2] ? millis : null;
}

/** Paints the band for `millis` across the top of a 2D context of `width` x `height`. */
export function paint(ctx, width, height, millis) {
  const band = bandHeight(height);
  const block = blockWidth(width);
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, width, band);
  ctx.fillStyle = '#fff';
  encode(millis).forEach((white, i) => {
    if (white) {
      ctx.fillRect(i * block, 0, block, band);
    }
  });
}

/**
 * Reads the band from a frame's pixels: the mean luma of a small patch in the middle of each block, white above
 * mid-grey. Layout is computed from the frame's own size, so a frame scaled down on the way still decodes.
 *
 * @param {ImageData} image at least the band's rows of the frame
 * @returns {number|null}
 */
export function read(image, frameWidth, frameHeight) {
  const band = bandHeight(frameHeight);
  const block = blockWidth(frameWidth);
  const y = Math.floor(band / 2);
  const r = Math.max(1, Math.min(3, Math.floor(block / 4), Math.floor(band / 4)));
  const blocks = new Array(BLOCKS);
  for (let i = 0; i < BLOCKS; i++) {
    const x = i * block + Math.floor(block / 2);
    let sum = 0;
    let n = 0;
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        const p = ((y + dy) * image.width + (x + dx)) * 4;
        sum += 0.299 * image.data[p] + 0.587 * image.data[p + 1] + 0.114 * image.data[p + 2];
        n++;
      }
    }
    blocks[i] = sum / n >= 128;
  }
  return decode(blocks);
}
