// WHIP (RFC 9725) and WHEP clients over plain fetch: POST the offer once ICE gathering is done (loopback and host
// candidates gather in milliseconds, so no trickle is needed), apply the answer, DELETE the session resource to stop.

const GATHER_TIMEOUT_MS = 2000;

/** Resolves when the PeerConnection has gathered its candidates (or after a short wait, with what it has). */
function gathered(pc) {
  if (pc.iceGatheringState === 'complete') {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const done = () => {
      if (pc.iceGatheringState === 'complete') {
        pc.removeEventListener('icegatheringstatechange', done);
        resolve();
      }
    };
    pc.addEventListener('icegatheringstatechange', done);
    setTimeout(resolve, GATHER_TIMEOUT_MS);
  });
}

/** An error from the server's JSON body: {error, message, field}. */
export class WhipError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.code = body && body.error;
  }
}

/** The ICE servers of the Link headers (RFC 9725 §4.6), for a PeerConnection made after the first exchange. */
export function iceServersFromLinks(headers) {
  const link = headers.get('Link');
  if (!link) {
    return [];
  }
  const servers = [];
  for (const part of link.split(/,\s*(?=<)/)) {
    const url = /<([^>]+)>/.exec(part);
    if (!url || !/rel="ice-server"/.test(part)) {
      continue;
    }
    const server = { urls: url[1] };
    const user = /username="([^"]*)"/.exec(part);
    const credential = /credential="([^"]*)"/.exec(part);
    if (user && credential) {
      server.username = user[1];
      server.credential = credential[1];
    }
    servers.push(server);
  }
  return servers;
}

/**
 * One session against a WHIP or WHEP endpoint: sends the PeerConnection's offer, applies the answer.
 * Returns {resource, etag, iceServers}.
 */
async function exchange(pc, endpoint, token) {
  await pc.setLocalDescription(await pc.createOffer());
  await gathered(pc);
  const headers = { 'Content-Type': 'application/sdp' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const response = await fetch(endpoint, { method: 'POST', headers, body: pc.localDescription.sdp });
  if (response.status !== 201) {
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      // not JSON
    }
    throw new WhipError(response.status, body);
  }
  const answer = await response.text();
  await pc.setRemoteDescription({ type: 'answer', sdp: answer });
  return {
    resource: new URL(response.headers.get('Location'), endpoint).toString(),
    etag: response.headers.get('ETag'),
    iceServers: iceServersFromLinks(response.headers),
  };
}

async function deleteResource(resource) {
  try {
    await fetch(resource, { method: 'DELETE' });
  } catch (e) {
    // the server may be gone already
  }
}

/** Negotiates pc with the endpoint; the session it returns stops by closing pc and deleting the resource. */
async function startSession(pc, endpoint, token) {
  try {
    const session = await exchange(pc, endpoint, token);
    return {
      pc,
      resource: session.resource,
      async stop() {
        pc.close();
        await deleteResource(session.resource);
      },
    };
  } catch (e) {
    pc.close();
    throw e;
  }
}

/**
 * Publishes a MediaStream to a WHIP endpoint. Video is sent at full resolution from the first frame.
 * @returns {Promise<{pc: RTCPeerConnection, stop: function(): Promise<void>}>}
 */
export async function publish(endpoint, token, stream) {
  const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
  for (const track of stream.getTracks()) {
    const transceiver = pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
    if (track.kind === 'video') {
      const params = transceiver.sender.getParameters();
      params.degradationPreference = 'maintain-resolution';
      await transceiver.sender.setParameters(params).catch(() => {});
    }
  }
  return startSession(pc, endpoint, token);
}

/**
 * Watches a WHEP endpoint: receives audio and video; onTrack(event) for each track.
 * @returns {Promise<{pc: RTCPeerConnection, stop: function(): Promise<void>}>}
 */
export async function watch(endpoint, token, onTrack) {
  const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  pc.addEventListener('track', onTrack);
  return startSession(pc, endpoint, token);
}
