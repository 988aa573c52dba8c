// The baseline transport: two RTCPeerConnections in the same page, one sending and one receiving, configured as
// the web client configures its publish connection (BUNDLE, rtcp-mux, VP8 first, resolution kept). Only loopback
// candidates are handed over, so the pair stays on 127.0.0.1.

const LOOPBACK = / 127\.0\.0\.1 /;

function preferVp8(transceiver) {
  const codecs = RTCRtpReceiver.getCapabilities('video').codecs;
  const vp8 = (c) => c.mimeType.toLowerCase() === 'video/vp8';
  transceiver.setCodecPreferences([...codecs.filter(vp8), ...codecs.filter((c) => !vp8(c))]);
}

function handOver(from, to) {
  from.addEventListener('icecandidate', (event) => {
    if (event.candidate && LOOPBACK.test(event.candidate.candidate)) {
      to.addIceCandidate(event.candidate).catch((e) => console.warn('direct: addIceCandidate failed', e));
    }
  });
}

/**
 * Sends `stream`'s video from one connection to the other.
 * @returns {Promise<{stream: MediaStream, close: function(): void}>} the received stream, once its track arrived
 */
export async function connect(stream) {
  const config = { bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' };
  const sender = new RTCPeerConnection(config);
  const receiver = new RTCPeerConnection(config);
  handOver(sender, receiver);
  handOver(receiver, sender);
  const received = new Promise((resolve) => {
    receiver.addEventListener('track', (event) => resolve(event.streams[0] ?? new MediaStream([event.track])));
  });
  const transceiver = sender.addTransceiver(stream.getVideoTracks()[0], { direction: 'sendonly', streams: [stream] });
  preferVp8(transceiver);
  const parameters = transceiver.sender.getParameters();
  parameters.degradationPreference = 'maintain-resolution';
  await transceiver.sender.setParameters(parameters);
  await sender.setLocalDescription(await sender.createOffer());
  await receiver.setRemoteDescription(sender.localDescription);
  await receiver.setLocalDescription(await receiver.createAnswer());
  await sender.setRemoteDescription(receiver.localDescription);
  return {
    stream: await received,
    /** For a failure report: both connections' states. */
    state() {
      return `sender ${sender.connectionState}, receiver ${receiver.connectionState}`;
    },
    close() {
      sender.close();
      receiver.close();
    },
  };
}
