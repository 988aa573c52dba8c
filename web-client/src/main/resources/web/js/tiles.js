// The #tiles grid: our own tile first, then one tile per remote participant.

import { Tile } from './tile.js';

export class TileGrid {
  #container;
  #onAutoplayBlocked;
  #local = null;
  /** @type {Map<string, Tile>} */
  #remote = new Map();
  /** @type {function(string, string): void|null} (action, participantId) while we are a host */
  #hostActions = null;
  /** The dominant speaker's id (null: nobody yet, or ourselves). */
  #speaker = null;
  #selfId = null;
  /** 'grid' | 'speaker' */
  #layout = 'grid';
  /** Last-N: ids whose video the server forwards; null = everyone's. */
  #videoForwarded = null;

  /** @param {HTMLElement} container @param {function(Tile): void} onAutoplayBlocked */
  constructor(container, onAutoplayBlocked) {
    this.#container = container;
    this.#onAutoplayBlocked = onAutoplayBlocked;
  }

  /** Creates (once) and fills our own tile. */
  showLocal(name, stream) {
    if (!this.#local) {
      this.#local = new Tile({ id: null, name, local: true, onAutoplayBlocked: () => {} });
      this.#container.prepend(this.#local.element);
      this.#updateCount();
    }
    this.#local.setName(name, true);
    for (const track of stream.getTracks()) {
      this.#local.setTrack(track);
    }
    return this.#local;
  }

  get local() {
    return this.#local;
  }

  /** Creates or updates the tile of a remote participant {id, name, audioMuted, videoMuted}. */
  upsert(participant) {
    let tile = this.#remote.get(participant.id);
    if (!tile) {
      tile = new Tile({ id: participant.id, name: participant.name, local: false,
        onAutoplayBlocked: this.#onAutoplayBlocked });
      this.#remote.set(participant.id, tile);
      this.#container.append(tile.element);
      this.#updateCount();
      this.#offerHostActions(participant.id, tile);
    }
    tile.setName(participant.name ?? '');
    tile.setRole(participant.role);
    tile.setAudioMuted(participant.audioMuted);
    tile.setVideoMuted(participant.videoMuted);
    this.#applySpeaker();
    return tile;
  }

  /** While we are a host: host controls on every remote tile, calling onAction(action, participantId). */
  setHostActions(onAction) {
    this.#hostActions = onAction;
    for (const [id, tile] of this.#remote) {
      this.#offerHostActions(id, tile);
    }
  }

  #offerHostActions(id, tile) {
    const onAction = this.#hostActions;
    tile.setHostActions(onAction ? (action) => onAction(action, id) : null);
  }

  /**
   * The room's dominant speaker changed ("active-speaker"): outline their tile, give it the stage in speaker view
   * and priority in "video-layout". {@code videoForwarded} (last-N) lists whose video still arrives; null = all.
   * @param {string|null} id @param {string[]|null} videoForwarded @param {string|null} selfId our own id
   */
  setSpeaker(id, videoForwarded = null, selfId = null) {
    this.#speaker = id ?? null;
    this.#selfId = selfId;
    this.#videoForwarded = Array.isArray(videoForwarded) ? new Set(videoForwarded) : null;
    this.#applySpeaker();
  }

  get speaker() {
    return this.#speaker;
  }

  /** 'grid' (equal tiles) or 'speaker' (the dominant speaker large, the others in a strip). */
  setLayout(layout) {
    this.#layout = layout === 'speaker' ? 'speaker' : 'grid';
    this.#container.dataset.layout = this.#layout;
    this.#applySpeaker();
  }

  get layout() {
    return this.#layout;
  }

  #applySpeaker() {
    // Before anyone has spoken, speaker view puts the first remote participant on the stage.
    const stageId = this.#remote.has(this.#speaker) ? this.#speaker : this.#remote.keys().next().value ?? null;
    for (const [id, tile] of this.#remote) {
      const speaking = id === this.#speaker;
      tile.setSpeaking(speaking);
      tile.priority = speaking;
      tile.element.classList.toggle('stage', this.#layout === 'speaker' && id === stageId);
      tile.setVideoPaused(this.#videoForwarded !== null && !this.#videoForwarded.has(id));
    }
    this.#local?.setSpeaking(this.#speaker !== null && this.#speaker === this.#selfId);
  }

  get(id) {
    return this.#remote.get(id);
  }

  /** [participantId, Tile] of every remote tile. */
  remoteEntries() {
    return this.#remote.entries();
  }

  remove(id) {
    const tile = this.#remote.get(id);
    if (tile) {
      tile.destroy();
      this.#remote.delete(id);
      this.#updateCount();
      this.#applySpeaker();
    }
  }

  /** Removes every remote tile whose id is not in ids. */
  retainOnly(ids) {
    for (const id of [...this.#remote.keys()]) {
      if (!ids.has(id)) {
        this.remove(id);
      }
    }
  }

  /** Remote tiles stay (with avatars) while their media is gone, e.g. during a reconnect. */
  dropRemoteMedia() {
    for (const tile of this.#remote.values()) {
      tile.clearTracks();
    }
  }

  unmuteAll() {
    for (const tile of this.#remote.values()) {
      tile.unmute();
    }
  }

  clear() {
    for (const id of [...this.#remote.keys()]) {
      this.remove(id);
    }
    this.#local?.destroy();
    this.#local = null;
    this.#updateCount();
  }

  #updateCount() {
    const count = this.#container.children.length;
    this.#container.dataset.count = String(count);
    this.#container.style.setProperty('--count', String(count));
  }
}
