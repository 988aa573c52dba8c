// Installed before the page's own scripts (CDP Page.addScriptToEvaluateOnNewDocument). Records, in
// performance.now() milliseconds since navigation start: when the join message went out, every PeerConnection's
// state changes and 'track' events, and when each inbound video track of window.vireo.subscribePc decoded its first
// frame (getStats polled every 20 ms). A poll on a busy machine runs hundreds of milliseconds late, so each video
// element the page gives a stream also reports its first frame through requestVideoFrameCallback, whose metadata
// says when that frame's packets were received (receiveTime, same clock) however late the callback itself runs.
(() => {
  if (window.__e2e || !window.RTCPeerConnection) return;
  const e2e = window.__e2e = {joinSentAt: null, pcs: [], firstFrames: {}, firstPackets: {}, atFirstFrame: {},
    subscribeConnectedAt: null, polls: 0, rendered: {}};
  const now = () => performance.now();
  const srcObject = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject');
  // A page may set an empty stream and add the track later: the callback looks at the stream when a frame shows.
  const watchFirstFrame = (el, stream) => {
    if (!(el instanceof HTMLVideoElement) || !stream || !el.requestVideoFrameCallback) return;
    el.requestVideoFrameCallback((at, meta) => {
      const current = el.srcObject;
      const track = current && current.getVideoTracks ? current.getVideoTracks()[0] : null;
      if (!track || e2e.rendered[track.id]) return;
      e2e.rendered[track.id] = {receivedAt: meta.receiveTime, presentedAt: meta.presentationTime, callbackAt: at,
        width: meta.width};
    });
  };
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    configurable: true, enumerable: srcObject.enumerable, get() { return srcObject.get.call(this); },
    set(stream) { srcObject.set.call(this, stream); watchFirstFrame(this, stream); },
  });
  const Native = window.RTCPeerConnection;
  class ObservedPeerConnection extends Native {
    constructor(...args) {
      super(...args);
      const rec = {index: e2e.pcs.length, createdAt: now(), states: [], tracks: []};
      e2e.pcs.push(rec);
      this.__e2e = rec;
      this.addEventListener('connectionstatechange',
          () => rec.states.push({state: this.connectionState, at: now()}));
      this.addEventListener('track', ev => rec.tracks.push({
        trackId: ev.track.id, kind: ev.track.kind, streams: ev.streams.map(s => s.id), at: now()}));
    }
  }
  window.RTCPeerConnection = ObservedPeerConnection;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (e2e.joinSentAt === null && typeof data === 'string' && /"type"\s*:\s*"join"/.test(data)) e2e.joinSentAt = now();
    return send.call(this, data);
  };
  const poll = async () => {
    const pc = window.vireo && window.vireo.subscribePc;
    if (pc) {
      if (e2e.subscribeConnectedAt === null && pc.connectionState === 'connected') e2e.subscribeConnectedAt = now();
      try {
        const report = await pc.getStats();
        const at = now();
        e2e.polls++;
        report.forEach(r => {
          if (r.type !== 'inbound-rtp' || r.kind !== 'video') return;
          const track = r.trackIdentifier;
          if (r.packetsReceived > 0 && !e2e.firstPackets[track]) e2e.firstPackets[track] = at;
          if (r.framesDecoded > 0 && !e2e.firstFrames[track]) {
            e2e.firstFrames[track] = at;
            e2e.atFirstFrame[track] = {packets: r.packetsReceived, keyFrames: r.keyFramesDecoded, plis: r.pliCount,
              firs: r.firCount, nacks: r.nackCount, lost: r.packetsLost, width: r.frameWidth,
              pollGapMs: Math.round(at - (e2e.lastPollAt || 0))};
          }
        });
        e2e.lastPollAt = at;
      } catch (e) { /* the PC may be closing */ }
    }
    if (now() < 60000) setTimeout(poll, 20);
  };
  setTimeout(poll, 20);
})();
