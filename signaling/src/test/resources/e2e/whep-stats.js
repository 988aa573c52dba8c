// The inbound video and audio of the WHEP PeerConnection on window.__whep (or window.__watch.pc from the watch page).
return (async () => {
  const pc = (window.__whep && window.__whep.pc) || (window.__watch && window.__watch.pc);
  if (!pc) return [];
  const out = [];
  (await pc.getStats()).forEach((s) => {
    if (s.type === 'inbound-rtp') {
      out.push({ kind: s.kind, framesDecoded: s.framesDecoded || 0, frameWidth: s.frameWidth || 0,
        frameHeight: s.frameHeight || 0, bytesReceived: s.bytesReceived || 0, packetsReceived: s.packetsReceived || 0,
        timestampMs: s.timestamp });
    }
  });
  return out;
})();
