// The subscribe PeerConnection: receives everyone else's media from the SFU (the server offers, we answer).

import { createPeerConnection, LocalCandidates, RemoteCandidates } from './peer.js';

/** Directions in which a transceiver of ours no longer receives: its track has ended. */
const NOT_RECEIVING = new Set(['inactive', 'sendonly', 'stopped']);

export class Subscriber {
  #pc;
  #send;
  #onTrack;
  #onTrackEnded;
  #localCandidates;
  #remoteCandidates;
  /** Offers are answered strictly one after another. */
  #queue = Promise.resolve();
  /** @type {Map<RTCRtpTransceiver, string>} which participant each receiving transceiver carries */
  #owners = new Map();

  /**
   * @param {{iceServers: RTCIceServer[], send: function(object): void,
   *          onTrack: function(string, MediaStreamTrack): void,
   *          onTrackEnded: function(string, MediaStreamTrack): void,
   *          onFailed: function(): void}} options
   */
  constructor({ iceServers, iceTransportPolicy, send, onTrack, onTrackEnded, onFailed }) {
    this.#pc = createPeerConnection(iceServers, iceTransportPolicy);
    this.#send = send;
    this.#onTrack = onTrack;
    this.#onTrackEnded = onTrackEnded;
    this.#localCandidates = new LocalCandidates(this.#pc, 'subscribe', send);
    this.#remoteCandidates = new RemoteCandidates(this.#pc);
    this.#pc.addEventListener('track', (event) => this.#trackArrived(event));
    this.#pc.addEventListener('connectionstatechange', () => {
      if (this.#pc.connectionState === 'failed') {
        onFailed();
      }
    });
  }

  get pc() {
    return this.#pc;
  }

  handleOffer(sdp) {
    this.#queue = this.#queue
      .then(() => this.#answer(sdp))
      .catch((error) => {
        if (this.#pc.signalingState !== 'closed') {
          console.error('subscriber: could not answer the subscribe-offer', error);
        }
      });
    return this.#queue;
  }

  addRemoteCandidate(message) {
    this.#remoteCandidates.add(message);
  }

  close() {
    this.#pc.close();
  }

  async #answer(sdp) {
    await this.#pc.setRemoteDescription({ type: 'offer', sdp });
    this.#remoteCandidates.flush();
    await this.#pc.setLocalDescription(await this.#pc.createAnswer());
    this.#send({ type: 'subscribe-answer', sdp: this.#pc.localDescription.sdp });
    this.#localCandidates.release();
    this.#reportEndedTracks();
  }

  #trackArrived(event) {
    // The SFU names each stream (a=msid) after the participant who publishes it.
    const participantId = event.streams[0]?.id;
    if (!participantId) {
      console.warn('subscriber: track without a stream id, ignored', event.track.kind);
      return;
    }
    const previous = this.#owners.get(event.transceiver);
    if (previous !== undefined && previous !== participantId) {
      // The server reused this m-line for someone else: the old owner's track ended.
      this.#onTrackEnded(previous, event.track);
    }
    this.#owners.set(event.transceiver, participantId);
    this.#onTrack(participantId, event.track);
  }

  #reportEndedTracks() {
    for (const transceiver of this.#pc.getTransceivers()) {
      const owner = this.#owners.get(transceiver);
      if (owner !== undefined && (transceiver.stopped || NOT_RECEIVING.has(transceiver.currentDirection))) {
        this.#owners.delete(transceiver);
        this.#onTrackEnded(owner, transceiver.receiver.track);
      }
    }
  }
}
