// One participant's tile: video, name label, avatar (initials), mic-muted indicator, host badge, and (for a host
// looking at someone else) the host controls.

const MIC_OFF_ICON = `<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"
  stroke-linecap="round" stroke-linejoin="round"><path d="M9 9v3a3 3 0 0 0 5.1 2.1M15 9.3V5a3 3 0 0 0-5.9-.7"/>
  <path d="M19 11a7 7 0 0 1-1.2 3.9M5 11a7 7 0 0 0 11.1 5.7M12 18v3M3 3l18 18"/></svg>`;

/** "Ada Lovelace" -> "AL", "bob" -> "B". */
export function initials(name) {
  const words = (name || '?').trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1);
  return letters.map((word) => [...word][0].toUpperCase()).join('') || '?';
}

/** A colour per name (FNV-1a, so that "p2" and "p3" differ), the same on everyone's screen. */
export function avatarColor(name) {
  let hash = 0x811c9dc5;
  for (const char of name) {
    hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193) >>> 0;
  }
  return `hsl(${hash % 360} 45% 38%)`;
}

/** The host controls on another participant's tile: action -> button label. */
const HOST_ACTIONS = {
  'mute-audio': 'Mute',
  'mute-video': 'Camera off',
  'make-host': 'Make host',
  remove: 'Remove',
};

function child(parent, tag, className) {
  const element = document.createElement(tag);
  element.className = className;
  parent.append(element);
  return element;
}

export class Tile {
  element;
  /** The page gives this tile priority (speaker or screen share): reported to the server in "video-layout". */
  priority = false;
  #video;
  #avatar;
  #name;
  #micMuted;
  #onAutoplayBlocked;
  /** @type {Map<string, MediaStreamTrack>} one track per kind */
  #tracks = new Map();
  #videoMuted = false;
  #audioMuted = false;
  #role = 'participant';
  #roleBadge;
  /** @type {HTMLElement|null} created the first time host controls are switched on */
  #hostControls = null;
  /** @type {function(string): void|null} */
  #onHostAction = null;
  /** Last-N: the server forwards no video for this tile now; show the avatar. */
  #videoPaused = false;
  #refresh = () => this.#updateAvatar();

  /** @param {{id: string|null, name: string, local: boolean, onAutoplayBlocked: function(Tile): void}} options */
  constructor({ id, name, local, onAutoplayBlocked }) {
    this.#onAutoplayBlocked = onAutoplayBlocked;
    const element = document.createElement('div');
    element.className = local ? 'tile local' : 'tile';
    if (local) {
      element.dataset.local = 'true';
    } else {
      element.dataset.participantId = id;
    }
    this.element = element;

    this.#video = child(element, 'video', '');
    this.#video.autoplay = true;
    this.#video.playsInline = true;
    this.#video.muted = local; // never play our own microphone back
    for (const type of ['loadedmetadata', 'resize', 'playing', 'emptied']) {
      this.#video.addEventListener(type, this.#refresh);
    }
    this.#avatar = child(element, 'div', 'avatar');
    const label = child(element, 'div', 'label');
    this.#micMuted = child(label, 'span', 'mic-muted');
    this.#micMuted.innerHTML = MIC_OFF_ICON;
    this.#micMuted.title = 'Microphone muted';
    this.#micMuted.hidden = true;
    this.#name = child(label, 'span', 'name');
    this.#roleBadge = child(label, 'span', 'role-badge');
    this.#roleBadge.textContent = 'Host';
    this.#roleBadge.hidden = true;
    this.setName(name, local);
    this.#updateAvatar();
  }

  setName(name, local = false) {
    this.#name.textContent = local ? `${name} (you)` : name;
    this.#avatar.textContent = initials(name);
    this.#avatar.style.setProperty('--avatar-color', avatarColor(name));
    this.element.title = name;
  }

  setAudioMuted(muted) {
    this.#audioMuted = Boolean(muted);
    this.#micMuted.hidden = !muted;
    this.element.dataset.audioMuted = String(this.#audioMuted);
    this.#updateHostControls();
  }

  setVideoMuted(muted) {
    this.#videoMuted = Boolean(muted);
    this.element.dataset.videoMuted = String(this.#videoMuted);
    this.#updateAvatar();
    this.#updateHostControls();
  }

  /** 'host' shows the badge that everyone sees. */
  setRole(role) {
    this.#role = role ?? 'participant';
    this.element.dataset.role = this.#role;
    this.#roleBadge.hidden = this.#role !== 'host';
    this.#updateHostControls();
  }

  /**
   * Shows the host controls (we are a host, this is someone else) calling onAction(action) on a click, or hides
   * them (null).
   */
  setHostActions(onAction) {
    this.#onHostAction = onAction;
    if (onAction && !this.#hostControls) {
      this.#hostControls = child(this.element, 'div', 'host-controls');
      for (const [action, text] of Object.entries(HOST_ACTIONS)) {
        const button = child(this.#hostControls, 'button', action === 'remove' ? 'danger' : '');
        button.type = 'button';
        button.dataset.action = action;
        button.textContent = text;
        button.addEventListener('click', () => this.#onHostAction?.(action));
      }
    }
    this.#updateHostControls();
  }

  /** Outlines the tile while its participant is the room's dominant speaker. */
  setSpeaking(speaking) {
    this.element.classList.toggle('speaking', Boolean(speaking));
    this.element.dataset.speaking = String(Boolean(speaking));
  }

  /** Last-N: the server stopped (or resumed) sending this participant's video. */
  setVideoPaused(paused) {
    this.#videoPaused = Boolean(paused);
    this.element.dataset.videoPaused = String(this.#videoPaused);
    this.#updateAvatar();
  }

  /** Shows a track, replacing the previous one of the same kind. */
  setTrack(track) {
    const previous = this.#tracks.get(track.kind);
    if (previous === track) {
      return;
    }
    previous && this.#unwatch(previous);
    this.#tracks.set(track.kind, track);
    for (const type of ['mute', 'unmute', 'ended']) {
      track.addEventListener(type, this.#refresh);
    }
    this.#attach();
  }

  removeTrack(track) {
    if (this.#tracks.get(track.kind) !== track) {
      return;
    }
    this.#unwatch(track);
    this.#tracks.delete(track.kind);
    this.#attach();
  }

  /** Forgets every track, e.g. when the connection that carried them closed. */
  clearTracks() {
    for (const track of this.#tracks.values()) {
      this.#unwatch(track);
    }
    this.#tracks.clear();
    this.#attach();
  }

  /** After the user allowed sound (autoplay had been blocked). */
  unmute() {
    this.#video.muted = false;
    this.#play();
  }

  destroy() {
    this.clearTracks();
    this.element.remove();
  }

  #unwatch(track) {
    for (const type of ['mute', 'unmute', 'ended']) {
      track.removeEventListener(type, this.#refresh);
    }
  }

  #attach() {
    const tracks = [...this.#tracks.values()];
    this.#video.srcObject = tracks.length ? new MediaStream(tracks) : null;
    if (tracks.length) {
      this.#play();
    }
    this.#updateAvatar();
  }

  #play() {
    const video = this.#video;
    video.play().catch((error) => {
      if (error.name === 'NotAllowedError' && !video.muted) {
        // Autoplay with sound is blocked until the user interacts: play muted and ask for a click.
        video.muted = true;
        video.play().catch(() => {});
        this.#onAutoplayBlocked(this);
      }
      // AbortError: a newer srcObject replaced this one; its own play() takes over.
    });
  }

  #updateHostControls() {
    if (!this.#hostControls) {
      return;
    }
    this.#hostControls.hidden = !this.#onHostAction;
    const button = (action) => this.#hostControls.querySelector(`[data-action="${action}"]`);
    button('mute-audio').disabled = this.#audioMuted;
    button('mute-video').disabled = this.#videoMuted;
    button('make-host').hidden = this.#role === 'host' || this.#role === 'viewer';
  }

  #updateAvatar() {
    const track = this.#tracks.get('video');
    const showsVideo = Boolean(track) && track.readyState === 'live' && !track.muted && track.enabled
      && !this.#videoMuted && !this.#videoPaused && this.#video.videoWidth > 0;
    this.#avatar.hidden = showsVideo;
    this.element.classList.toggle('no-video', !showsVideo);
  }
}
