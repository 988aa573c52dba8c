// Glass-to-glass latency runs, driven from the page's URL (?mode=direct|vireo|watch&room=R&seconds=S) by a person,
// or from a test through window.latencyHarness.start(options) and .status().
//
// mode direct: ClockSource -> two RTCPeerConnections in this page -> BarcodeViewer (the baseline);
// mode vireo:  ClockSource -> publish into `room` -> Vireo -> watch `room` in this same page -> BarcodeViewer;
// mode watch:  watch `room` (someone else publishes the barcode, e.g. the capture agent's test pattern).
// The transport for vireo/watch is a module exporting `publish(stream, {room})` and `watch({room, participantId})`
// (see via-vireo.js); `transport` (option or URL parameter) names another one by URL: /latency/via-whip.js publishes
// with WHIP and watches with WHEP, and needs `token` (option or URL parameter), a token that may publish into `room`.

import * as direct from './direct.js';
import { ClockSource } from './source.js';
import { LatencyRecorder } from './stats.js';
import { BarcodeViewer } from './viewer.js';

const FIRST_FRAME_TIMEOUT_MS = 30_000;

const state = { phase: 'idle', mode: null, error: null, width: 0, height: 0, summary: null };
let recorder = null;
let viewer = null;
/** Describes the receiving connection, for a failure report. */
let connection = () => null;

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function firstDecodedFrame(timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (viewer.last !== null) {
      return;
    }
    await sleep(50);
  }
  throw new Error(`no decodable frame within ${timeoutMs} ms`);
}

function show(stream) {
  const video = document.getElementById('received');
  video.srcObject = stream;
  video.play().catch((e) => console.warn('latency: play() failed', e));
  return video;
}

/**
 * @param {{mode: string, room?: string, seconds?: number, warmup?: number, participantId?: string,
 *          transport?: string, token?: string}} options transport: the URL of the publish/watch module,
 *          ./via-vireo.js unless given; token: for the transport (WHIP's publish token), null unless given
 */
async function run({ mode, room = 'latency', seconds = 10, warmup = 3, participantId = null,
  transport = './via-vireo.js', token = null }) {
  const closers = [];
  Object.assign(state, { phase: 'connecting', mode, transport, error: null, summary: null });
  try {
    let received;
    if (mode === 'direct' || mode === 'vireo') {
      const source = new ClockSource();
      closers.push(() => source.close());
      document.getElementById('sent').replaceChildren(source.canvas);
      if (mode === 'direct') {
        received = await direct.connect(source.stream);
      } else {
        const via = await import(transport);
        const published = await via.publish(source.stream, { room, token });
        closers.push(() => published.close());
        // The stream is public: the publish token is for publishing only.
        received = await via.watch({ room });
      }
    } else if (mode === 'watch') {
      const via = await import(transport);
      received = await via.watch({ room, participantId, token });
    } else {
      throw new Error(`unknown mode ${mode}`);
    }
    closers.push(() => received.close());
    connection = () => received.state?.() ?? null;
    const video = show(received.stream);
    recorder = new LatencyRecorder();
    recorder.stop();
    viewer = new BarcodeViewer(video, recorder);
    closers.push(() => viewer.stop());
    state.phase = 'waiting-for-video';
    await firstDecodedFrame(FIRST_FRAME_TIMEOUT_MS);
    state.phase = 'warming-up';
    await sleep(warmup * 1000);
    state.width = video.videoWidth;
    state.height = video.videoHeight;
    recorder.start();
    state.phase = 'measuring';
    await sleep(seconds * 1000);
    recorder.stop();
    state.summary = recorder.summary();
    state.phase = 'done';
  } catch (error) {
    console.error('latency run failed', error);
    state.error = `${error?.message ?? error} (connection: ${connection()})`;
    state.summary = recorder?.summary() ?? null;
    state.phase = 'failed';
  } finally {
    closers.reverse().forEach((close) => {
      try {
        close();
      } catch (e) {
        console.warn('latency: close failed', e);
      }
    });
  }
}

/** What a test polls: the phase, and the figures once done. */
function status() {
  return { ...state, live: recorder?.summary() ?? null, last: viewer?.last ?? null, connection: connection() };
}

window.latencyHarness = {
  start(options) {
    if (state.phase !== 'idle' && state.phase !== 'done' && state.phase !== 'failed') {
      throw new Error(`a run is already ${state.phase}`);
    }
    run(options);
    return status();
  },
  status,
  /** The last run's latencies in ms, so a benchmark can pool several runs. */
  samples() {
    return recorder?.samples() ?? [];
  },
};

const params = new URLSearchParams(location.search);
if (params.has('mode')) {
  window.latencyHarness.start({
    mode: params.get('mode'),
    room: params.get('room') ?? 'latency',
    seconds: Number(params.get('seconds') ?? 10),
    participantId: params.get('participant'),
    transport: params.get('transport') ?? undefined,
    token: params.get('token'),
  });
}
setInterval(() => {
  document.getElementById('status').textContent = JSON.stringify(status());
}, 500);
