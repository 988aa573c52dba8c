// Returns a one-line JSON summary of the Vireo page for failure reports.
const v = window.vireo;
const pcState = pc => pc ? {connection: pc.connectionState, ice: pc.iceConnectionState, signaling: pc.signalingState} : null;
const tiles = Array.from(document.querySelectorAll('#tiles .tile, #tiles [data-participant-id]')).map(tile => {
  const video = tile.querySelector('video');
  const avatar = tile.querySelector('.avatar');
  const label = tile.querySelector('.name');
  return {
    id: tile.dataset.participantId || null,
    name: label ? label.textContent : null,
    videoTracks: video && video.srcObject ? video.srcObject.getTracks().map(t => t.kind + ':' + t.readyState) : [],
    videoSize: video ? video.videoWidth + 'x' + video.videoHeight : null,
    avatarShown: !!(avatar && avatar.getClientRects().length > 0 && getComputedStyle(avatar).visibility !== 'hidden'),
  };
});
const summary = v ? {
  state: v.state, room: v.room, participantId: v.participantId,
  participants: v.participants ? Array.from(v.participants.values ? v.participants.values() : Object.values(v.participants)) : null,
  publishPc: pcState(v.publishPc), subscribePc: pcState(v.subscribePc),
} : {vireo: 'window.vireo is not defined'};
summary.tiles = tiles;
if (window.__e2e) {
  summary.instrumentation = {joinSentAt: window.__e2e.joinSentAt, pcs: window.__e2e.pcs};
}
return JSON.stringify(summary);
