// The publish PeerConnection: sends our microphone and camera to the SFU (we offer, the server answers).

import { createPeerConnection, LocalCandidates, RemoteCandidates } from './peer.js';
import { applyPublishLayers, simulcastEncodings } from './simulcast.js';

/**
 * Puts the preferred codec first in the offer (the SFU answers with the first codec it forwards: VP8 or H.264); the
 * other codecs stay as fallbacks.
 */
function preferCodec(transceiver, mimeType) {
  const codecs = RTCRtpReceiver.getCapabilities?.('video')?.codecs;
  if (!codecs || !transceiver.setCodecPreferences) {
    return;
  }
  const wanted = mimeType.toLowerCase();
  const isWanted = (codec) => codec.mimeType.toLowerCase() === wanted;
  if (!codecs.some(isWanted)) {
    console.warn(`publisher: this browser cannot send ${mimeType}; using its default`);
    return;
  }
  try {
    transceiver.setCodecPreferences([...codecs.filter(isWanted), ...codecs.filter((codec) => !isWanted(codec))]);
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
  #videoCodec;

  /**
   * @param {{iceServers: RTCIceServer[], stream: MediaStream, send: function(object): void, onFailed: function(): void,
   *          videoCodec?: string}} options videoCodec is a MIME type, 'video/VP8' unless given
   */
  constructor({ iceServers, iceTransportPolicy, stream, send, onFailed, videoCodec = 'video/VP8' }) {
    this.#videoCodec = videoCodec;
    this.#pc = createPeerConnection(iceServers, iceTransportPolicy);
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
      const init = { direction: 'sendonly', streams: [stream] };
      const encodings = simulcastEncodings(track, this.#videoCodec);
      if (encodings) {
        init.sendEncodings = encodings;
      }
      const transceiver = this.#pc.addTransceiver(track, init);
      preferCodec(transceiver, this.#videoCodec);
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

  /** Dynacast: the server says which simulcast layers anyone receives. */
  applyPublishLayers(message) {
    return applyPublishLayers(this.#pc, message)
      .catch((error) => console.warn('publisher: could not apply publish-layers', error));
  }

  addRemoteCandidate(message) {
    this.#remoteCandidates.add(message);
  }

  /** Closes the connection; the tracks belong to the page and keep running. */
  close() {
    this.#pc.close();
  }
}
