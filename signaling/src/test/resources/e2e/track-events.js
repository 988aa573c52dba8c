// Installed before the page's own scripts: records every 'track' event of every RTCPeerConnection the page makes
// in window.__trackEvents ({at, kind, trackId, mid}), so a test can tell whether a receiver track was replaced.
(() => {
  if (window.__trackEvents || !window.RTCPeerConnection) return;
  const events = window.__trackEvents = [];
  const Native = window.RTCPeerConnection;
  class ObservedPeerConnection extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('track', ev => events.push({at: Date.now(), kind: ev.track.kind, trackId: ev.track.id,
        mid: ev.transceiver ? ev.transceiver.mid : null}));
    }
  }
  window.RTCPeerConnection = ObservedPeerConnection;
})();
