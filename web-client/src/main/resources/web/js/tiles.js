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
