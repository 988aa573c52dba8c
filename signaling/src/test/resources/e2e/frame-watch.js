// Watches every frame the tile of participant arguments[0] presents (requestVideoFrameCallback): window.__frameWatch
// holds the largest gap between two presented frames since the last reset, and each change of frame width with the
// wall-clock time of the first frame at the new width.
const tile = document.querySelector('#tiles [data-participant-id="' + arguments[0] + '"]');
const video = tile && tile.querySelector('video');
if (!video || !video.requestVideoFrameCallback) return false;
const watch = window.__frameWatch = { last: 0, maxGap: 0, frames: 0, width: 0, changes: [] };
const onFrame = (now, meta) => {
  const at = Date.now();
  if (watch.last) watch.maxGap = Math.max(watch.maxGap, at - watch.last);
  watch.last = at;
  watch.frames++;
  if (meta.width !== watch.width) watch.changes.push({ at, width: meta.width });
  watch.width = meta.width;
  video.requestVideoFrameCallback(onFrame);
};
video.requestVideoFrameCallback(onFrame);
return true;
