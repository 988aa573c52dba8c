// One visit to a room: signaling, the two PeerConnections, the participant list and reconnects.

import { loadClientConfig } from './client-config.js';
import { SignalingClient } from './signaling-client.js';
import { Publisher } from './publisher.js';
import { Subscriber } from './subscriber.js';
import { stopStream } from './local-media.js';
import { LayoutReporter } from './layout-reporter.js';

const PROTOCOL_VERSION = 1;
/** Server error codes after which retrying cannot help. */
const FATAL_ERRORS = new Set(['room-full', 'forbidden', 'unauthorized', 'room-not-found', 'room-closed']);
/** Errors after which the page asks for the meeting's password and joins again. */
const PASSWORD_ERRORS = new Set(['password-required', 'wrong-password']);
const CONFIG_RETRY_MS = 2_000;
const REPUBLISH_DELAY_MS = 1_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function toParticipant(p) {
  return {
    id: p.id,
    name: p.name ?? '',
    audioMuted: Boolean(p.audioMuted),
    videoMuted: Boolean(p.videoMuted),
    role: p.role ?? 'participant',
  };
}

/** How the call ends when the server says bye with one of these reasons; no rejoin link: it would not help. */
const FINAL_BYES = {
  removed: ['Removed from the meeting', 'A host removed you from this meeting.'],
  'meeting-ended': ['The meeting has ended', 'The host ended the meeting for everyone.'],
};

/**
 * @typedef {object} SessionView what the page shows; CallSession only decides
 * @property {import('./tiles.js').TileGrid} tiles
 * @property {function(string, string): void} status text and kind ('info' | 'ok' | 'warn' | 'error')
 * @property {function(string): void} stateChanged
 * @property {function(string, string, {canRejoin: boolean}): void} ended title and message of the final screen
 * @property {function(string): void} roleChanged our role: 'host' | 'participant' | 'viewer'
 * @property {function({audio?: boolean, video?: boolean}): void} mutedByHost a host turned our mic or camera off
 * @property {function(boolean): Promise<string|null>} [askPassword] asks for the meeting's password (true: the last
 *   one was wrong); null gives up
 * @property {function(): void} [lobbyWaiting] we wait in the lobby until a host admits us
 * @property {function({knockId: string, name: string}): void} [knocked] (hosts) a guest waits in the lobby
 * @property {function(string): void} [knockGone] (hosts) that knock is no longer waiting
 */
export class CallSession {
  /** 'prejoin' | 'joining' | 'lobby' | 'joined' | 'reconnecting' | 'left' */
  state = 'prejoin';
  room;
  participantId = null;
  /** @type {Map<string, {id: string, name: string, audioMuted: boolean, videoMuted: boolean}>} others only */
  participants = new Map();
  localStream = null;
  /** The room's dominant speaker from the last "active-speaker" (may be us), null before anyone spoke. */
  activeSpeaker = null;
  /** Last-N: ids whose video the server forwards to us, null when it forwards everyone's. */
  videoForwarded = null;

  #view;
  #name = '';
  #videoCodec = undefined;
  #micOn = false;
  #cameraOn = false;
  #iceServers = [];
  #signaling = null;
  #publisher = null;
  #subscriber = null;
  #layout = null;
  #everJoined = false;
  /** The secret from the last "joined" that lets us resume our participant; kept in memory only, never stored. */
  #resumeToken = null;

  /** The access token (JWT) from the page's link, or null for an open room. */
  #token = null;
  /** The meeting's password once the user typed it; kept in memory only. */
  #password = null;
  /** What "joined" said: role and whether we may publish. */
  role = null;
  mayPublish = true;

  /** 'all', or 'relay' to use TURN relays only (`?relay=1`: tests and networks that block direct UDP). */
  #iceTransportPolicy = 'all';

  /**
   * @param {string} room @param {SessionView} view
   * @param {{token?: string|null, relayOnly?: boolean}} [options]
   */
  constructor(room, view, options = {}) {
    this.room = room;
    this.#view = view;
    this.#token = options.token || null;
    this.#iceTransportPolicy = options.relayOnly ? 'relay' : 'all';
  }

  get isHost() {
    return this.role === 'host';
  }

  /**
   * A host control on another participant: 'mute-audio' | 'mute-video' | 'remove' | 'make-host'. The server refuses
   * it unless we are a host.
   */
  hostAction(action, participantId) {
    return this.#send({ type: 'host-action', action, participantId });
  }

  /** Ends the meeting for everyone (hosts only). */
  endForAll() {
    return this.#send({ type: 'host-action', action: 'end-meeting' });
  }

  get publishPc() {
    return this.#publisher?.pc ?? null;
  }

  get subscribePc() {
    return this.#subscriber?.pc ?? null;
  }

  /** @param {{name: string, stream: MediaStream, micOn: boolean, cameraOn: boolean}} choice */
  async join({ name, stream, micOn, cameraOn, videoCodec }) {
    this.#name = name;
    this.#videoCodec = videoCodec;
    this.localStream = stream;
    this.#setState('joining');
    this.#view.status('Connecting…', 'info');
    this.#view.tiles.showLocal(name, stream);
    this.#applyMic(micOn);
    this.#applyCamera(cameraOn);

    const config = await this.#loadConfig();
    if (!config) {
      return; // left while waiting
    }
    this.#iceServers = config.iceServers;
    this.#signaling = new SignalingClient(config.signalingUrl, {
      onOpen: () => this.#sendJoin(),
      onMessage: (message) => this.#onMessage(message),
      onLost: () => this.#onLost(),
    });
    this.#signaling.connect();
  }

  get micOn() {
    return this.#micOn;
  }

  get cameraOn() {
    return this.#cameraOn;
  }

  setMicOn(on) {
    this.#applyMic(on);
    this.#send({ type: 'mute', audio: !this.#micOn });
  }

  setCameraOn(on) {
    this.#applyCamera(on);
    this.#send({ type: 'mute', video: !this.#cameraOn });
  }

  leave() {
    if (this.state === 'left') {
      return;
    }
    this.#send({ type: 'leave' });
    this.#end('You left', 'You left the room.');
  }

  // ---- local devices ----

  #applyMic(on) {
    const track = this.localStream?.getAudioTracks()[0];
    this.#micOn = Boolean(track) && on;
    if (track) {
      track.enabled = this.#micOn;
    }
    this.#view.tiles.local?.setAudioMuted(!this.#micOn);
  }

  #applyCamera(on) {
    const track = this.localStream?.getVideoTracks()[0];
    this.#cameraOn = Boolean(track) && on;
    if (track) {
      track.enabled = this.#cameraOn;
    }
    this.#view.tiles.local?.setVideoMuted(!this.#cameraOn);
  }

  // ---- signaling ----

  async #loadConfig() {
    while (this.state === 'joining') {
      try {
        return await loadClientConfig();
      } catch (error) {
        console.warn('could not load /api/client-config', error);
        this.#view.status('Cannot reach the server — retrying…', 'warn');
        await sleep(CONFIG_RETRY_MS);
      }
    }
    return null;
  }

  #send(message) {
    return this.#signaling?.send(message) ?? false;
  }

  #sendJoin() {
    const join = { type: 'join', version: PROTOCOL_VERSION, room: this.room, name: this.#name };
    if (this.#token) {
      join.token = this.#token;
    }
    if (this.#password) {
      join.password = this.#password;
    }
    if (this.participantId && this.#resumeToken) {
      // Resume: the server hands our participant (and everyone's view of our streams) to this connection.
      join.participantId = this.participantId;
      join.resumeToken = this.#resumeToken;
    }
    this.#send(join);
  }

  #onMessage(message) {
    switch (message.type) {
      case 'joined': return this.#onJoined(message);
      case 'participant-joined':
      case 'participant-updated': return this.#upsertParticipant(message.participant);
      case 'muted-by-host': return this.#onMutedByHost(message);
      case 'participant-left': return this.#removeParticipant(message.participantId);
      case 'publish-answer':
        return this.#publisher?.applyAnswer(message.sdp)
          .catch((error) => console.error('could not apply the publish-answer', error));
      case 'subscribe-offer': return this.#subscriber?.handleOffer(message.sdp);
      case 'publish-layers': return this.#publisher?.applyPublishLayers(message);
      case 'active-speaker': return this.#onActiveSpeaker(message);
      case 'candidate':
        return (message.pc === 'publish' ? this.#publisher : this.#subscriber)?.addRemoteCandidate(message);
      case 'error': return this.#onServerError(message);
      case 'bye': return this.#onBye(message);
      case 'pong': return undefined;
      case 'lobby-waiting':
        this.#setState('lobby');
        this.#view.status('Waiting for a host to let you in…', 'info');
        return this.#view.lobbyWaiting?.();
      case 'knock': return this.#view.knocked?.({ knockId: message.knockId, name: message.name ?? '' });
      case 'knock-withdrawn': return this.#view.knockGone?.(message.knockId);
      default:
        console.debug('signaling: ignoring unknown message type', message.type);
        return undefined;
    }
  }

  #onJoined(message) {
    const rejoined = this.#everJoined;
    this.#everJoined = true;
    this.participantId = message.participantId;
    this.#resumeToken = typeof message.resumeToken === 'string' ? message.resumeToken : null;
    this.#setRole(message.role ?? 'participant');
    this.mayPublish = message.mayPublish !== false;
    if (Array.isArray(message.iceServers)) {
      this.#iceServers = message.iceServers;
    }
    this.#signaling.resetBackoff();

    this.participants.clear();
    for (const p of message.participants ?? []) {
      if (p.id !== this.participantId) {
        this.participants.set(p.id, toParticipant(p));
      }
    }
    this.#view.tiles.retainOnly(new Set(this.participants.keys()));
    for (const participant of this.participants.values()) {
      this.#view.tiles.upsert(participant);
    }

    this.#closePeerConnections();
    this.#subscriber = new Subscriber({
      iceServers: this.#iceServers,
      iceTransportPolicy: this.#iceTransportPolicy,
      send: (m) => this.#send(m),
      onTrack: (id, track) => this.#trackArrived(id, track),
      onTrackEnded: (id, track) => this.#view.tiles.get(id)?.removeTrack(track),
      onFailed: () => this.#onSubscribeFailed(),
    });
    this.#publish();
    this.#layout ??= new LayoutReporter(this.#view.tiles, (m) => this.#send(m));
    this.#layout.start();
    const audio = !this.#micOn;
    const video = !this.#cameraOn;
    if (rejoined || audio || video) {
      this.#send({ type: 'mute', audio, video });
    }
    this.#setState('joined');
    this.#view.status(rejoined ? 'Reconnected' : 'Connected', 'ok');
  }

  #onActiveSpeaker(message) {
    this.activeSpeaker = typeof message.participantId === 'string' ? message.participantId : null;
    this.videoForwarded = Array.isArray(message.videoForwarded) ? message.videoForwarded : null;
    this.#view.tiles.setSpeaker(this.activeSpeaker, this.videoForwarded, this.participantId);
    this.#layout?.report(); // the speaker's tile now asks for priority
  }

  #upsertParticipant(p) {
    if (p?.id && p.id === this.participantId) {
      // About us: a host made us host.
      if (p.role) {
        this.#setRole(p.role);
      }
      return;
    }
    if (!p?.id) {
      return;
    }
    const participant = toParticipant(p);
    this.participants.set(participant.id, participant);
    this.#view.tiles.upsert(participant);
  }

  #removeParticipant(id) {
    this.participants.delete(id);
    this.#view.tiles.remove(id);
  }

  #trackArrived(id, track) {
    if (id === this.participantId) {
      return;
    }
    const known = this.participants.get(id) ?? { id, name: '', audioMuted: false, videoMuted: false };
    const tile = this.#view.tiles.get(id) ?? this.#view.tiles.upsert(known);
    tile.setTrack(track);
  }

  #setRole(role) {
    this.role = role;
    this.#view.tiles.local?.setRole(role);
    this.#view.roleChanged(role);
  }

  /** A host turned our microphone or camera off: so it is, on our side too; we may turn it on again. */
  #onMutedByHost(message) {
    if (message.audio) {
      this.#applyMic(false);
    }
    if (message.video) {
      this.#applyCamera(false);
    }
    this.#view.mutedByHost({ audio: Boolean(message.audio), video: Boolean(message.video) });
  }

  /** (hosts) Lets a guest in from the lobby. */
  admit(knockId) {
    return this.#send({ type: 'admit', knockId });
  }

  /** (hosts) Sends a guest away from the lobby. */
  deny(knockId) {
    return this.#send({ type: 'deny', knockId });
  }

  async #askPassword(wrong) {
    const password = this.#view.askPassword ? await this.#view.askPassword(wrong) : null;
    if (this.state === 'left') {
      return;
    }
    if (!password) {
      this.#end('Could not join', 'This meeting needs a password.');
      return;
    }
    this.#password = password;
    this.#sendJoin();
  }

  #onServerError(message) {
    const text = message.message || message.code || 'unknown error';
    console.warn('server error', message);
    if (PASSWORD_ERRORS.has(message.code)) {
      this.#askPassword(message.code === 'wrong-password');
    } else if (message.code === 'room-closed') {
      this.#end('This meeting is not open', text);
    } else if (FATAL_ERRORS.has(message.code) && message.requestType !== 'host-action') {
      // A refused host control (say our host role was taken back meanwhile) is no reason to hang up.
      this.#end('Could not join', text);
    } else {
      this.#view.status(`Server: ${text}`, 'error');
    }
  }

  #onBye(message) {
    const reason = message.reason || 'closed by the server';
    if (reason === 'server-shutdown') {
      this.#view.status('Server restarting — reconnecting…', 'warn');
      this.#signaling.reconnect();
    } else if (reason === 'denied') {
      this.#end('Not admitted', 'A host did not let you in.', false);
    } else if (reason === 'room-closed') {
      this.#end('The meeting has ended', message.message || 'The meeting was closed.');
    } else if (FINAL_BYES[reason]) {
      const [title, text] = FINAL_BYES[reason];
      this.#end(title, text, false);
    } else {
      this.#end('Disconnected', `The server ended the call: ${reason}.`);
    }
  }

  #onLost() {
    if (this.state === 'left') {
      return;
    }
    // The PeerConnections stay open until the next "joined": closing one ends its DTLS session, which the server
    // takes as a media failure and removes us at once instead of keeping our participant for a resume. Meanwhile
    // the others' media keeps playing.
    if (this.#everJoined) {
      this.#setState('reconnecting');
      this.#view.status('Connection lost — reconnecting…', 'warn');
    } else {
      this.#view.status('Cannot reach the server — retrying…', 'warn');
    }
  }

  // ---- media ----

  #publish() {
    if (!this.mayPublish || !this.localStream?.getTracks().length) {
      return; // receive-only
    }
    const publisher = new Publisher({
      iceServers: this.#iceServers,
      iceTransportPolicy: this.#iceTransportPolicy,
      stream: this.localStream,
      send: (m) => this.#send(m),
      onFailed: () => this.#onPublishFailed(publisher),
      videoCodec: this.#videoCodec,
    });
    this.#publisher = publisher;
    publisher.start().catch((error) => console.error('could not publish', error));
  }

  #onPublishFailed(publisher) {
    if (publisher !== this.#publisher || this.state !== 'joined') {
      return;
    }
    console.warn('publish connection failed: publishing again');
    publisher.close();
    this.#publisher = null;
    setTimeout(() => {
      if (this.state === 'joined' && !this.#publisher) {
        this.#publish();
      }
    }, REPUBLISH_DELAY_MS);
  }

  #onSubscribeFailed() {
    if (this.state !== 'joined') {
      return;
    }
    // Only the server can offer again, and a fresh join is the one way to ask it to.
    console.warn('subscribe connection failed: rejoining');
    this.#signaling.reconnect();
  }

  #closePeerConnections() {
    this.#publisher?.close();
    this.#publisher = null;
    if (this.#subscriber) {
      this.#subscriber.close();
      this.#subscriber = null;
      this.#view.tiles.dropRemoteMedia();
    }
  }

  #end(title, message, canRejoin = true) {
    this.#layout?.stop();
    this.#signaling?.close();
    this.#signaling = null;
    this.#closePeerConnections();
    stopStream(this.localStream);
    this.#view.tiles.clear();
    this.#setState('left');
    this.#view.ended(title, message, { canRejoin });
  }

  #setState(state) {
    this.state = state;
    this.#view.stateChanged(state);
  }
}
