// Reads what join-timing.js recorded, with the subscribe PeerConnection's own 'track' events.
const e2e = window.__e2e;
if (!e2e) return null;
const pc = window.vireo && window.vireo.subscribePc;
const rec = pc && pc.__e2e ? pc.__e2e : null;
const firstFrames = Object.entries(e2e.firstFrames).map(([trackId, at]) => ({trackId: trackId, at: at,
  firstPacketAt: e2e.firstPackets[trackId], stats: JSON.stringify(e2e.atFirstFrame[trackId]),
  rendered: e2e.rendered[trackId] || null}));
// The 'connectionstatechange' event is more precise than the 20 ms poll; the poll covers a PC made before the hook.
const connected = rec ? rec.states.find(s => s.state === 'connected') : null;
return {
  joinSentAt: e2e.joinSentAt, subscribeConnectedAt: connected ? connected.at : e2e.subscribeConnectedAt, polls: e2e.polls,
  tracks: rec ? rec.tracks : [], states: rec ? rec.states : [], firstFrames: firstFrames,
};
