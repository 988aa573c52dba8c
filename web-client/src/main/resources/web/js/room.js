// Room page wiring: /room/{room}[?name=NAME&autojoin=1&audio=0&video=0&token=JWT&relay=1]
// relay=1 sends all media through the TURN servers from "joined" (iceTransportPolicy 'relay').

import { CallSession } from './call-session.js';
import { TileGrid } from './tiles.js';
import { runPrejoin, rememberedName } from './prejoin.js';
import { acquireLocalMedia } from './local-media.js';
import { setToggle } from './toggle.js';
import { installDebugHandle } from './debug-handle.js';
import { askPassword, showLobby, showCall, KnockList } from './lobby.js';

/** The room id is the last path segment, URL-decoded. */
export function roomFromPath(pathname) {
  const segment = pathname.split('/').filter(Boolean).pop() ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const $ = (id) => document.getElementById(id);

const room = roomFromPath(location.pathname);
const params = new URLSearchParams(location.search);
if (!room || room === 'room') {
  location.replace('/');
}
document.title = `${room} · Vireo`;
$('room-title').textContent = room;

const statusLine = $('status');
const unmutePrompt = $('unmute-prompt');
const tiles = new TileGrid($('tiles'), () => {
  unmutePrompt.hidden = false;
});

const session = new CallSession(room, {
  tiles,
  status(text, kind) {
    statusLine.textContent = text;
    statusLine.dataset.kind = kind;
  },
  stateChanged(state) {
    document.body.dataset.state = state;
    if (state === 'joined') {
      showCall();
    }
  },
  askPassword,
  lobbyWaiting: showLobby,
  knocked: (knock) => knocks.add(knock),
  knockGone: (knockId) => knocks.remove(knockId),
  ended(title, message, { canRejoin }) {
    $('call').hidden = true;
    $('lobby').hidden = true;
    $('password-screen').hidden = true;
    $('prejoin').hidden = true;
    $('left-title').textContent = title;
    $('left-message').textContent = message;
    $('rejoin').href = location.pathname + location.search;
    $('rejoin').hidden = !canRejoin;
    $('left').hidden = false;
    statusLine.textContent = '';
  },
  roleChanged(role) {
    const host = role === 'host';
    $('end-for-all').hidden = !host;
    tiles.setHostActions(host ? (action, id) => hostAction(action, id) : null);
  },
  mutedByHost({ audio, video }) {
    const what = [audio && 'microphone', video && 'camera'].filter(Boolean).join(' and ');
    showHostNote(`A host turned off your ${what}. You can turn it back on.`);
    renderControls();
  },
}, { token: params.get('token'), relayOnly: params.get('relay') === '1' });
const knocks = new KnockList(session);

const HOST_ACTION_NOTES = {
  'mute-audio': 'muted', 'mute-video': 'turned off the camera of', remove: 'removed', 'make-host': 'made host:',
};

function hostAction(action, id) {
  const name = session.participants.get(id)?.name || 'this participant';
  if (action === 'remove' && !confirmAction(`Remove ${name} from the meeting?`)) {
    return;
  }
  if (session.hostAction(action, id)) {
    showHostNote(`You ${HOST_ACTION_NOTES[action]} ${name}.`);
  }
}

/** `?confirm=0` skips the dialogs (automation). */
function confirmAction(question) {
  return params.get('confirm') === '0' || window.confirm(question);
}

let hostNoteTimer = 0;
function showHostNote(text) {
  const note = $('host-note');
  note.textContent = text;
  note.hidden = false;
  clearTimeout(hostNoteTimer);
  hostNoteTimer = setTimeout(() => { note.hidden = true; }, 8000);
}
installDebugHandle(session);
document.body.dataset.state = session.state;

function renderControls() {
  const stream = session.localStream;
  setToggle($('toggle-mic'), session.micOn,
    { on: 'Mute', off: 'Unmute', available: Boolean(stream?.getAudioTracks().length) });
  setToggle($('toggle-camera'), session.cameraOn,
    { on: 'Camera off', off: 'Camera on', available: Boolean(stream?.getVideoTracks().length) });
}

$('toggle-mic').addEventListener('click', () => {
  session.setMicOn(!session.micOn);
  renderControls();
});
$('toggle-camera').addEventListener('click', () => {
  session.setCameraOn(!session.cameraOn);
  renderControls();
});
$('toggle-layout').addEventListener('click', () => {
  const speakerView = tiles.layout !== 'speaker';
  tiles.setLayout(speakerView ? 'speaker' : 'grid');
  const button = $('toggle-layout');
  button.setAttribute('aria-pressed', String(speakerView));
  button.textContent = speakerView ? 'Grid view' : 'Speaker view';
});
$('leave').addEventListener('click', () => session.leave());
$('end-for-all').addEventListener('click', () => {
  if (confirmAction('End the meeting for everyone?')) {
    session.endForAll();
  }
});
unmutePrompt.addEventListener('click', () => {
  tiles.unmuteAll();
  unmutePrompt.hidden = true;
});
// Tell the server at once instead of letting it notice the dead socket.
addEventListener('pagehide', () => session.leave());

/** `?codec=h264` publishes H.264 instead of VP8 (e.g. for devices with an H.264 hardware encoder). */
const VIDEO_CODECS = { vp8: 'video/VP8', h264: 'video/H264' };

function enterCall(choice) {
  choice.videoCodec = VIDEO_CODECS[params.get('codec')?.toLowerCase()] ?? VIDEO_CODECS.vp8;
  $('call').hidden = false;
  const note = $('media-note-call');
  note.textContent = choice.note ?? '';
  note.hidden = !choice.note;
  session.join(choice).catch((error) => console.error('could not join', error));
  renderControls();
}

async function start() {
  if (params.get('autojoin') === '1') {
    const name = params.get('name')?.trim() || rememberedName() || 'Guest';
    const media = await acquireLocalMedia({ audio: params.get('audio') !== '0', video: params.get('video') !== '0' });
    enterCall({ name, stream: media.stream, micOn: true, cameraOn: true, note: media.note });
  } else {
    enterCall(await runPrejoin(params.get('name')?.trim() ?? ''));
  }
}

start();
