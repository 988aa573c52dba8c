// The "via Vireo" transport over the standard HTTP protocols: publish with WHIP (RFC 9725), watch with WHEP, through
// the web client's plain-fetch client (../js/whip-client.js). Same interface as via-vireo.js, so the harness swaps
// one for the other (`transport: '/latency/via-whip.js'`, or `?transport=/latency/via-whip.js` in the page's URL).
// WHIP needs a token that may publish into `room` (a stream's publishToken); WHEP on a public stream needs none.

import * as whip from '../js/whip-client.js';

function endpoint(kind, room, participantId) {
  const url = new URL(`/${kind}/${encodeURIComponent(room)}`, location.origin);
  if (participantId) {
    url.searchParams.set('participant', participantId);
  }
  return url.toString();
}

/**
 * Publishes `stream` into `room` over WHIP.
 * @returns {Promise<{close: function(): void}>} once the server's answer is applied
 */
export async function publish(stream, { room, token = null }) {
  if (!token) {
    throw new Error('via-whip: WHIP needs a publish token (the token option or URL parameter)');
  }
  const session = await whip.publish(endpoint('whip', room), token, stream);
  return {
    close() {
      session.stop();
    },
  };
}

/**
 * Watches `room` over WHEP (the host `participantId` when given) and waits for its video track.
 * @returns {Promise<{stream: MediaStream, state: function(): string, close: function(): void}>}
 */
export async function watch({ room, participantId = null, token = null }) {
  let arrived;
  const video = new Promise((resolve) => { arrived = resolve; });
  const session = await whip.watch(endpoint('whep', room, participantId), token, (event) => {
    if (event.track.kind === 'video') {
      arrived(new MediaStream([event.track]));
    }
  });
  return {
    stream: await video,
    /** For a failure report: the WHEP connection's state. */
    state() {
      return `whep ${session.pc.connectionState}`;
    },
    close() {
      session.stop();
    },
  };
}
