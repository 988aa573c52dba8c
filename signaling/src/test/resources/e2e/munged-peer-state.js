// Summarises window.munged (see munged-peer.js): states seen, messages, and what its PeerConnections received.
return (async () => {
  const m = window.munged;
  if (!m) return null;
  const bytes = async pc => {
    if (!pc) return {inboundBytes: 0, inboundFrames: 0, outboundBytes: 0};
    const report = await pc.getStats();
    let inboundBytes = 0, inboundFrames = 0, outboundBytes = 0;
    report.forEach(r => {
      if (r.type === 'inbound-rtp') { inboundBytes += r.bytesReceived || 0; inboundFrames += r.framesDecoded || 0; }
      if (r.type === 'outbound-rtp') outboundBytes += r.bytesSent || 0;
    });
    return {inboundBytes, inboundFrames, outboundBytes};
  };
  return {
    participantId: m.participantId, received: m.received, errors: m.errors, bye: m.bye,
    fingerprintsReplaced: m.fingerprintsReplaced, publishAnswered: m.publishAnswered,
    subscribeOffered: m.subscribeOffered, states: m.states,
    publishNow: m.publishPc.connectionState, subscribeNow: m.subscribePc ? m.subscribePc.connectionState : 'none',
    publish: await bytes(m.publishPc), subscribe: await bytes(m.subscribePc),
  };
})();
