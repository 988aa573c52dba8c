// The "via Vireo" transport: publish a stream into a room and watch a room's video, over Vireo's own signaling
// (docs/signaling.md), reusing the web client's Publisher and Subscriber. Its two functions are the whole interface
// the harness uses, so a WHIP/WHEP module exporting the same `publish` and `watch` can replace this one.

import { loadClientConfig } from '../js/client-config.js';
import { Publisher } from '../js/publisher.js';
import { SignalingClient } from '../js/signaling-client.js';
import { Subscriber } from '../js/subscriber.js';

/** Opens signaling, joins `room` and hands every later message to `onMessage`; resolves with the `joined`. */
async function join(room, name, onMessage) {
  const { signalingUrl, iceServers } = await loadClientConfig();
  let signaling;
  const joined = new Promise((resolve, reject) => {
    signaling = new SignalingClient(signalingUrl, {
      onOpen: () => signaling.send({ type: 'join', version: 1, room, name }),
      onMessage: (message) => {
        if (message.type === 'joined') {
          resolve(message);
        } else if (message.type === 'error' || message.type === 'bye') {
          console.warn('via-vireo:', JSON.stringify(message));
          if (message.requestType === 'join' || message.type === 'bye') {
            reject(new Error(`${message.type}: ${message.code ?? message.reason} ${message.message ?? ''}`));
          }
        } else {
          onMessage(message);
        }
      },
      // A measurement does not survive a lost connection: no reconnect (it would join again as someone new).
      onLost: () => {
        signaling.close();
        console.warn('via-vireo: signaling connection lost');
        reject(new Error('signaling connection lost'));
      },
    });
    signaling.connect();
  });
  const message = await joined;
  return { signaling, iceServers: message.iceServers?.length ? message.iceServers : iceServers, joined: message };
}

/**
 * Publishes `stream` into `room`.
 * @returns {Promise<{close: function(): void}>} once the server's answer is applied
 */
export async function publish(stream, { room, name = 'latency-publisher' }) {
  let publisher = null;
  let answered;
  const answer = new Promise((resolve) => { answered = resolve; });
  const early = [];
  const { signaling, iceServers } = await join(room, name, (message) => {
    if (!publisher) {
      early.push(message);
    } else if (message.type === 'publish-answer') {
      publisher.applyAnswer(message.sdp).then(answered);
    } else if (message.type === 'candidate' && message.pc === 'publish') {
      publisher.addRemoteCandidate(message);
    }
  });
  publisher = new Publisher({
    iceServers,
    stream,
    send: (m) => signaling.send(m),
    onFailed: () => console.warn('via-vireo: publish connection failed'),
  });
  await publisher.start();
  early.filter((m) => m.type === 'candidate' && m.pc === 'publish').forEach((m) => publisher.addRemoteCandidate(m));
  await answer;
  return {
    close() {
      signaling.send({ type: 'leave' });
      signaling.close();
      publisher.close();
    },
  };
}

/**
 * Joins `room` without publishing and waits for a video track from `participantId` (or from anyone).
 * @returns {Promise<{stream: MediaStream, close: function(): void}>}
 */
export async function watch({ room, name = 'latency-viewer', participantId = null }) {
  let subscriber = null;
  const early = [];
  let arrived;
  const video = new Promise((resolve) => { arrived = resolve; });
  const handle = (message) => {
    if (message.type === 'subscribe-offer') {
      subscriber.handleOffer(message.sdp);
    } else if (message.type === 'candidate' && message.pc === 'subscribe') {
      subscriber.addRemoteCandidate(message);
    }
  };
  const { signaling, iceServers } = await join(room, name, (message) => {
    if (subscriber) {
      handle(message);
    } else {
      early.push(message);
    }
  });
  subscriber = new Subscriber({
    iceServers,
    send: (m) => signaling.send(m),
    onTrack: (owner, track) => {
      if (track.kind === 'video' && (participantId === null || owner === participantId)) {
        arrived(new MediaStream([track]));
      }
    },
    onTrackEnded: () => {},
    onFailed: () => console.warn('via-vireo: subscribe connection failed'),
  });
  early.splice(0).forEach(handle);
  return {
    stream: await video,
    /** For a failure report: the subscribe connection's state. */
    state() {
      return `subscribe ${subscriber.pc.connectionState}`;
    },
    close() {
      signaling.send({ type: 'leave' });
      signaling.close();
      subscriber.close();
    },
  };
}
