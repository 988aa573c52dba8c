// Loss and repair counters of every inbound video stream of window.vireo.subscribePc (Chromium's getStats).
return (async () => {
  const v = window.vireo;
  if (!v || !v.subscribePc) return [];
  const report = await v.subscribePc.getStats();
  const rows = [];
  report.forEach(r => {
    if (r.type !== 'inbound-rtp' || r.kind !== 'video') return;
    rows.push({
      ssrc: r.ssrc, packetsReceived: r.packetsReceived || 0, packetsLost: r.packetsLost || 0,
      nackCount: r.nackCount || 0, retransmittedPacketsReceived: r.retransmittedPacketsReceived || 0,
      retransmittedBytesReceived: r.retransmittedBytesReceived || 0, framesDecoded: r.framesDecoded || 0,
      freezeCount: r.freezeCount || 0, totalFreezesDuration: r.totalFreezesDuration || 0,
      frameWidth: r.frameWidth || 0,
    });
  });
  return rows;
})();
