// Shared PeerConnection plumbing: configuration and trickle ICE in both directions.

/**
 * Both PeerConnections use one transport (BUNDLE + rtcp-mux), which the SFU requires. iceTransportPolicy 'relay'
 * sends everything through the TURN servers from "joined".
 */
export function createPeerConnection(iceServers, iceTransportPolicy = 'all') {
  return new RTCPeerConnection({ iceServers, iceTransportPolicy, bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
}

/**
 * Sends a PeerConnection's local candidates as `candidate` messages. They are held back until release() is
 * called, so that the server never sees a candidate before the description it belongs to.
 */
export class LocalCandidates {
  #pcName;
  #send;
  #held = [];
  #released = false;
  #ended = false;
  #mid = '0';
  #mLineIndex = 0;

  constructor(pc, pcName, send) {
    this.#pcName = pcName;
    this.#send = send;
    pc.addEventListener('icecandidate', (event) => this.#onCandidate(event.candidate));
  }

  release() {
    this.#released = true;
    for (const message of this.#held.splice(0)) {
      this.#send(message);
    }
  }

  #onCandidate(candidate) {
    // End of gathering shows up as a null candidate, and in some browsers also as an empty one: send it once.
    const isEnd = !candidate || candidate.candidate === '';
    if (isEnd && this.#ended) {
      return;
    }
    this.#ended ||= isEnd;
    if (candidate?.sdpMid != null) {
      this.#mid = candidate.sdpMid;
    }
    if (candidate?.sdpMLineIndex != null) {
      this.#mLineIndex = candidate.sdpMLineIndex;
    }
    const message = {
      type: 'candidate',
      pc: this.#pcName,
      candidate: isEnd ? '' : candidate.candidate,
      sdpMid: this.#mid,
      sdpMLineIndex: this.#mLineIndex,
    };
    if (this.#released) {
      this.#send(message);
    } else {
      this.#held.push(message);
    }
  }
}

/** Applies the server's candidates, queueing those that arrive before the remote description. */
export class RemoteCandidates {
  #pc;
  #pending = [];

  constructor(pc) {
    this.#pc = pc;
  }

  add(message) {
    const init = { candidate: message.candidate ?? '' };
    if (message.sdpMid != null) {
      init.sdpMid = message.sdpMid;
    }
    if (message.sdpMLineIndex != null) {
      init.sdpMLineIndex = message.sdpMLineIndex;
    }
    if (this.#pc.remoteDescription) {
      this.#apply(init);
    } else {
      this.#pending.push(init);
    }
  }

  /** Call after every setRemoteDescription. */
  flush() {
    for (const init of this.#pending.splice(0)) {
      this.#apply(init);
    }
  }

  #apply(init) {
    this.#pc.addIceCandidate(init).catch((error) => {
      if (this.#pc.signalingState !== 'closed') {
        console.warn('addIceCandidate failed', init, error);
      }
    });
  }
}
