// The host's page, /live/ROOM?token=PUBLISH_TOKEN: camera preview, go live / stop over WHIP, viewers, bitrate,
// resolution.
import { publish } from './whip-client.js';
import { fetchStream, formatBitrate, roomFromPath } from './stream-status.js';

const POLL_MS = 2000;
const room = roomFromPath();
const $ = (id) => document.getElementById(id);
const token = () => new URLSearchParams(location.search).get('token') || $('token').value.trim();
let camera = null;
let session = null;
let lastBytes = null;

function setStatus(text) {
  $('status').textContent = text;
  document.body.dataset.state = text;
}

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}

async function startPreview() {
  try {
    camera = await navigator.mediaDevices.getUserMedia({
      audio: true, video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } } });
    $('preview').srcObject = camera;
    $('go-live').disabled = false;
  } catch (e) {
    showError(`No camera: ${e.message}`);
  }
}

async function goLive() {
  if (!token()) {
    showError('A publish token is needed to go live.');
    return;
  }
  $('go-live').disabled = true;
  showError('');
  setStatus('connecting');
  try {
    session = await publish(`${location.origin}/whip/${encodeURIComponent(room)}`, token(), camera);
    window.__live = session;
    session.pc.addEventListener('connectionstatechange', () => {
      if (session && ['failed', 'closed'].includes(session.pc.connectionState)) {
        stop('offline');
      }
    });
    setStatus('live');
    $('stop').hidden = false;
  } catch (e) {
    showError(`Could not go live: ${e.message}`);
    setStatus('offline');
    $('go-live').disabled = false;
  }
}

async function stop(state = 'offline') {
  const ending = session;
  session = null;
  lastBytes = null;
  if (ending) {
    await ending.stop();
  }
  setStatus(state);
  $('stop').hidden = true;
  $('go-live').disabled = state === 'ended' || !camera;
  $('bitrate').textContent = '-';
  $('resolution').textContent = '-';
}

async function sampleOutgoing() {
  if (!session) {
    return;
  }
  let bytes = 0;
  let width = 0;
  let height = 0;
  (await session.pc.getStats()).forEach((s) => {
    if (s.type === 'outbound-rtp' && s.kind === 'video') {
      bytes += s.bytesSent || 0;
      width = Math.max(width, s.frameWidth || 0);
      height = Math.max(height, s.frameHeight || 0);
    }
  });
  const now = performance.now();
  if (lastBytes) {
    $('bitrate').textContent = formatBitrate(((bytes - lastBytes.bytes) * 8 * 1000) / (now - lastBytes.at));
  }
  lastBytes = { bytes, at: now };
  $('resolution').textContent = width ? `${width}x${height}` : '-';
}

async function poll() {
  try {
    const stream = await fetchStream(room);
    if (stream) {
      $('stream-title').textContent = stream.title;
      $('viewers').textContent = String(stream.viewers);
      if (stream.state === 'ended' && document.body.dataset.state !== 'ended') {
        await stop('ended');
      }
    }
    await sampleOutgoing();
  } catch (e) {
    // the next poll tries again
  }
}

$('token-form').hidden = Boolean(new URLSearchParams(location.search).get('token'));
$('go-live').addEventListener('click', goLive);
$('stop').addEventListener('click', () => stop('offline'));
setStatus('offline');
startPreview();
setInterval(poll, POLL_MS);
poll();
