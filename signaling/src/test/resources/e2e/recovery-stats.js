// Loss and repair counters of every inbound video stream (Chromium's getStats) of window.vireo.subscribePc, or of the
// WHEP PeerConnection on window.__whep when the argument is 'whep'.
return (async () => {
  const pc = arguments[0] === 'whep' ? window.__whep && window.__whep.pc : window.vireo && window.vireo.subscribePc;
  if (!pc) return [];
  const report = await pc.getStats();
  const rows = [];
  report.forEach(r => {
    if (r.type !== 'inbound-rtp' || r.kind !== 'video') return;
    rows.push({
      ssrc: r.ssrc, packetsReceived: r.packetsReceived || 0, bytesReceived: r.bytesReceived || 0, packetsLost: r.packetsLost || 0,
      nackCount: r.nackCount || 0, retransmittedPacketsReceived: r.retransmittedPacketsReceived || 0,
      retransmittedBytesReceived: r.retransmittedBytesReceived || 0, framesDecoded: r.framesDecoded || 0,
      freezeCount: r.freezeCount || 0, totalFreezesDuration: r.totalFreezesDuration || 0,
      frameWidth: r.frameWidth || 0,
    });
  });
  return rows;
})();
