// The viewer's page, /watch/ROOM[?token=VIEWER_TOKEN]: plays the stream over WHEP, muted until the viewer unmutes;
// shows the viewer count and the live latency; reconnects by itself; says "offline" when nobody is live and
// "ended" once the stream was stopped.
import { watch } from './whip-client.js';
import { fetchStream, roomFromPath } from './stream-status.js';

const POLL_MS = 2000;
const room = roomFromPath();
const token = new URLSearchParams(location.search).get('token');
const $ = (id) => document.getElementById(id);
const player = $('player');
let session = null;
let connecting = false;

function setStatus(text) {
  $('status').textContent = text;
  document.body.dataset.state = text;
}

function broken(s) {
  return !s || ['failed', 'closed'].includes(s.pc.connectionState);
}

async function connect() {
  connecting = true;
  try {
    const next = await watch(`${location.origin}/whep/${encodeURIComponent(room)}`, token, (event) => {
      const stream = player.srcObject instanceof MediaStream ? player.srcObject : new MediaStream();
      stream.addTrack(event.track);
      player.srcObject = stream;
      player.play().catch(() => {});
    });
    if (session) {
      session.stop();
    }
    session = next;
    window.__watch = session;
  } catch (e) {
    setStatus(e.status === 409 ? 'ended' : 'offline');
  } finally {
    connecting = false;
  }
}

/**
 * Live latency as the receiver sees it: the time a frame waits in the jitter buffer plus half the round trip
 * (the sender side of a loopback or LAN path adds little).
 */
async function latency() {
  if (!session) {
    return null;
  }
  let buffer = null;
  let rtt = 0;
  (await session.pc.getStats()).forEach((s) => {
    if (s.type === 'inbound-rtp' && s.kind === 'video' && s.jitterBufferEmittedCount) {
      buffer = s.jitterBufferDelay / s.jitterBufferEmittedCount;
    }
    if (s.type === 'candidate-pair' && s.nominated && s.currentRoundTripTime !== undefined) {
      rtt = s.currentRoundTripTime;
    }
  });
  return buffer === null ? null : Math.round((buffer + rtt / 2) * 1000);
}

async function poll() {
  try {
    const stream = await fetchStream(room);
    if (stream) {
      $('stream-title').textContent = stream.title;
      $('viewers').textContent = String(stream.viewers);
    }
    if (stream && stream.state === 'ended') {
      setStatus('ended');
      if (session) {
        session.stop();
        session = null;
      }
      player.srcObject = null;
      return;
    }
    if (!stream || stream.state !== 'live') {
      setStatus('offline');
      return;
    }
    if (broken(session) && !connecting) {
      setStatus('connecting');
      await connect();
    }
    if (!broken(session)) {
      setStatus(session.pc.connectionState === 'connected' ? 'live' : 'connecting');
      const ms = await latency();
      $('latency').textContent = ms === null ? '-' : `${ms} ms`;
    }
  } catch (e) {
    setStatus('offline');
  }
}

$('unmute').addEventListener('click', () => {
  player.muted = !player.muted;
  $('unmute').textContent = player.muted ? 'Unmute' : 'Mute';
  player.play().catch(() => {});
});
setInterval(poll, POLL_MS);
poll();
