// What this page's publish PeerConnection does with its microphone: whether the sender's track is enabled, and the
// media-source's totalAudioEnergy (it stops growing when the track is disabled: the encoder gets silence).
return (async () => {
  const pc = window.vireo && window.vireo.publishPc;
  if (!pc) return null;
  const sender = pc.getSenders().find(s => s.track && s.track.kind === 'audio');
  if (!sender) return null;
  let energy = 0;
  (await pc.getStats()).forEach(r => {
    if (r.type === 'media-source' && r.kind === 'audio') energy += r.totalAudioEnergy || 0;
  });
  return { enabled: sender.track.enabled, energy };
})();
