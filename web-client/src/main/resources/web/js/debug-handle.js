// window.vireo: a read-only window onto the running call, for the console and end-to-end tests
// (in the spirit of Jitsi Meet's window.APP).
//
//   vireo.state          'prejoin' | 'joining' | 'joined' | 'reconnecting' | 'left'
//   vireo.room           room id (decoded last path segment)
//   vireo.participantId  our id, given by the server in "joined" (null before)
//   vireo.publishPc      RTCPeerConnection sending our media (null when not publishing)
//   vireo.subscribePc    RTCPeerConnection receiving everyone else's media (null before "joined")
//   vireo.participants   Map id -> {id, name, audioMuted, videoMuted, role} of the others in the room
//   vireo.localStream    our camera/microphone MediaStream (null before joining)
//   vireo.role           'host' | 'participant' | 'viewer' as the server last said (null before "joined")
//   vireo.activeSpeaker  id of the room's dominant speaker from "active-speaker" (null before anyone spoke)
//   vireo.videoForwarded last-N: ids whose video the server sends us (null: everyone's)
//
// Every property is a getter over the live session: read it again to see changes.

const FIELDS = ['state', 'room', 'participantId', 'publishPc', 'subscribePc', 'participants', 'localStream', 'role',
  'activeSpeaker', 'videoForwarded'];

/** @param {import('./call-session.js').CallSession} session */
export function installDebugHandle(session) {
  const handle = {};
  for (const field of FIELDS) {
    Object.defineProperty(handle, field, { enumerable: true, get: () => session[field] });
  }
  window.vireo = Object.freeze(handle);
}
