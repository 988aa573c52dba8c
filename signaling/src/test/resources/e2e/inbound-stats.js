// Returns the inbound-rtp streams of window.vireo.subscribePc, each with the participant that sends it.
// A track belongs to the participant whose tile (or any media element marked with data-participant-id) plays it;
// failing that, to the participant whose id is the SDP msid stream id of the track.
// With arguments ('whep', ID): the streams of the WHEP player on window.__whep instead, all sent by participant ID.
return (async () => {
  const whep = arguments[0] === 'whep';
  const v = whep ? {subscribePc: window.__whep && window.__whep.pc, participants: new Map([[arguments[1], {}]])}
    : window.vireo;
  if (!v || !v.subscribePc) return [];
  const known = new Set(v.participants ? Array.from(v.participants.keys ? v.participants.keys() : Object.keys(v.participants)) : []);
  const owner = {};
  document.querySelectorAll('[data-participant-id]').forEach(holder => {
    const id = holder.dataset.participantId;
    const elements = holder.matches('video,audio') ? [holder] : Array.from(holder.querySelectorAll('video,audio'));
    elements.forEach(el => {
      if (el.srcObject && el.srcObject.getTracks) el.srcObject.getTracks().forEach(t => { owner[t.id] = id; });
    });
  });
  const sdp = v.subscribePc.remoteDescription ? v.subscribePc.remoteDescription.sdp : '';
  for (const line of sdp.split(/\r?\n/)) {
    const m = line.match(/^a=msid:(\S+) (\S+)/);
    if (m && !owner[m[2]]) {
      const id = known.has(m[1]) ? m[1] : Array.from(known).find(k => m[1].includes(k));
      if (id) owner[m[2]] = id;
    }
  }
  const report = await v.subscribePc.getStats();
  const streams = [];
  report.forEach(r => {
    if (r.type !== 'inbound-rtp') return;
    streams.push({
      kind: r.kind, trackId: r.trackIdentifier || '',
      participantId: whep ? arguments[1] : owner[r.trackIdentifier] || '',
      ssrc: r.ssrc, framesDecoded: r.framesDecoded || 0, frameWidth: r.frameWidth || 0,
      frameHeight: r.frameHeight || 0, bytesReceived: r.bytesReceived || 0, packetsReceived: r.packetsReceived || 0,
      freezeCount: r.freezeCount || 0, freezesMs: Math.round((r.totalFreezesDuration || 0) * 1000),
      pliCount: r.pliCount || 0, keyFramesDecoded: r.keyFramesDecoded || 0,
      totalAudioEnergy: r.totalAudioEnergy || 0, timestampMs: r.timestamp,
      detail: r.kind === 'video'
        ? `lost=${r.packetsLost} nack=${r.nackCount} pli=${r.pliCount} fir=${r.firCount} key=${r.keyFramesDecoded}`
          + ` received=${r.framesReceived} dropped=${r.framesDropped} freezes=${r.freezeCount}`
          + `/${Math.round((r.totalFreezesDuration || 0) * 1000)}ms fps=${r.framesPerSecond}`
        : `lost=${r.packetsLost} concealed=${r.concealedSamples}`,
    });
  });
  return streams;
})();
