// Returns the outbound-rtp streams of window.vireo.publishPc (one per simulcast layer, if any).
return (async () => {
  const v = window.vireo;
  if (!v || !v.publishPc) return [];
  const report = await v.publishPc.getStats();
  const streams = [];
  report.forEach(r => {
    if (r.type !== 'outbound-rtp') return;
    streams.push({
      kind: r.kind, rid: r.rid || '', active: r.active !== false, frameWidth: r.frameWidth || 0,
      frameHeight: r.frameHeight || 0, framesEncoded: r.framesEncoded || 0, bytesSent: r.bytesSent || 0,
    });
  });
  return streams;
})();
