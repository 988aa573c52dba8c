// The publish PeerConnection: sends our microphone and camera to the SFU (we offer, the server answers).

import { createPeerConnection, LocalCandidates, RemoteCandidates } from './peer.js';

/** Puts VP8 first in the offer; the SFU forwards VP8, the other codecs stay as fallbacks. */
function preferVp8(transceiver) {
  const codecs = RTCRtpReceiver.getCapabilities?.('video')?.codecs;
  if (!codecs || !transceiver.setCodecPreferences) {
    return;
  }
  const isVp8 = (codec) => codec.mimeType.toLowerCase() === 'video/vp8';
  try {
    transceiver.setCodecPreferences([...codecs.filter(isVp8), ...codecs.filter((codec) => !isVp8(codec))]);
  } catch (error) {
    console.warn('publisher: could not reorder codecs', error);
  }
}

/**
 * A new sender starts at low resolution and ramps up with the bandwidth estimate; keeping the resolution
 * makes the encoder lower the frame rate instead, so receivers get 1280x720 from the first second.
 */
async function maintainResolution(sender) {
  try {
    const parameters = sender.getParameters();
    parameters.degradationPreference = 'maintain-resolution';
    await sender.setParameters(parameters);
    return true;
  } catch (error) {
    console.warn('publisher: could not set degradationPreference yet', error);
    return false;
  }
}

export class Publisher {
  #pc;
  #stream;
  #send;
  #localCandidates;
  #remoteCandidates;
  #videoSender = null;
  #resolutionKept = false;

  /**
   * @param {{iceServers: RTCIceServer[], stream: MediaStream, send: function(object): void, onFailed: function(): void}} options
   */
  constructor({ iceServers, stream, send, onFailed }) {
    this.#pc = createPeerConnection(iceServers);
    this.#stream = stream;
    this.#send = send;
    this.#localCandidates = new LocalCandidates(this.#pc, 'publish', send);
    this.#remoteCandidates = new RemoteCandidates(this.#pc);
    this.#pc.addEventListener('connectionstatechange', () => {
      if (this.#pc.connectionState === 'failed') {
        onFailed();
      }
    });
  }

  get pc() {
    return this.#pc;
  }

  /** Adds our tracks as sendonly transceivers and sends the publish-offer. */
  async start() {
    const stream = this.#stream;
    for (const track of stream.getAudioTracks().slice(0, 1)) {
      this.#pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
    }
    for (const track of stream.getVideoTracks().slice(0, 1)) {
      const transceiver = this.#pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
      preferVp8(transceiver);
      this.#videoSender = transceiver.sender;
      this.#resolutionKept = await maintainResolution(transceiver.sender);
    }
    await this.#pc.setLocalDescription(await this.#pc.createOffer());
    this.#send({ type: 'publish-offer', sdp: this.#pc.localDescription.sdp });
    this.#localCandidates.release();
  }

  async applyAnswer(sdp) {
    await this.#pc.setRemoteDescription({ type: 'answer', sdp });
    this.#remoteCandidates.flush();
    if (this.#videoSender && !this.#resolutionKept) {
      this.#resolutionKept = await maintainResolution(this.#videoSender);
    }
  }

  addRemoteCandidate(message) {
    this.#remoteCandidates.add(message);
  }

  /** Closes the connection; the tracks belong to the page and keep running. */
  close() {
    this.#pc.close();
  }
}
