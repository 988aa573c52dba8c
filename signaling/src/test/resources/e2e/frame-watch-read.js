// Reads window.__frameWatch: {maxGap, frames, width, changes: [{at, width}]}; arguments[0] true resets maxGap.
const w = window.__frameWatch;
if (!w) return null;
const out = { maxGap: w.maxGap, frames: w.frames, width: w.width, changes: w.changes.slice() };
if (arguments[0]) w.maxGap = 0;
return out;
