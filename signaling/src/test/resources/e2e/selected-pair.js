// The selected ICE candidate pair of window.vireo's publish or subscribe PeerConnection (arguments[0]):
// the local and remote candidate types and addresses, or null before one is selected.
return (async () => {
  const pc = arguments[0] === 'publish' ? window.vireo.publishPc : window.vireo.subscribePc;
  if (!pc) return null;
  const report = await pc.getStats();
  let pairId = null;
  report.forEach(r => { if (r.type === 'transport' && r.selectedCandidatePairId) pairId = r.selectedCandidatePairId; });
  const pair = pairId && report.get(pairId);
  if (!pair || pair.state !== 'succeeded') return null;
  const local = report.get(pair.localCandidateId);
  const remote = report.get(pair.remoteCandidateId);
  return {
    localType: local.candidateType, localAddress: `${local.address}:${local.port}`,
    relayProtocol: local.relayProtocol || '', url: local.url || '',
    remoteType: remote.candidateType, remoteAddress: `${remote.address}:${remote.port}`,
    bytesReceived: pair.bytesReceived || 0, bytesSent: pair.bytesSent || 0,
  };
})();
