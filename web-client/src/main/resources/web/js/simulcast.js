// Simulcast publishing: the encodings a camera track is sent as, and dynacast (the server switching layers off).

/** Layers lowest first: rid, how much smaller than the camera, the camera height from which the layer exists. */
const LAYERS = [
  { rid: 'q', minHeight: 720, scale: 4 },
  { rid: 'h', minHeight: 360, scale: 2 },
  { rid: 'f', minHeight: 0, scale: 1 },
];

/** The browser can send VP8 with three temporal layers per stream (7.5 / 15 / 30 fps). */
function supportsL1T3() {
  const codecs = RTCRtpSender.getCapabilities?.('video')?.codecs ?? [];
  return codecs.some((c) => c.mimeType.toLowerCase() === 'video/vp8' && c.scalabilityModes?.includes('L1T3'));
}

/**
 * The sendEncodings for a camera track: three layers (q/h/f: 320x180, 640x360, 1280x720) when it gives 720p, two
 * when it gives 360p, none (plain single stream) below that or when the codec is not VP8.
 *
 * @returns {RTCRtpEncodingParameters[]|null} null for a single stream
 */
export function simulcastEncodings(track, mimeType) {
  if (mimeType.toLowerCase() !== 'video/vp8') {
    return null;
  }
  const height = track.getSettings?.().height ?? 0;
  const present = LAYERS.filter((layer) => height >= 720 || (height >= 360 && layer.rid !== 'q'));
  if (height < 360 || present.length < 2) {
    return null;
  }
  const top = present[present.length - 1].scale;
  const l1t3 = supportsL1T3();
  return present.map((layer) => {
    const encoding = { rid: layer.rid, active: true, scaleResolutionDownBy: layer.scale / top };
    if (l1t3) {
      encoding.scalabilityMode = 'L1T3';
    }
    return encoding;
  });
}

/**
 * Applies a server "publish-layers" message: sets each named encoding's active flag on the transceiver with that mid.
 */
export async function applyPublishLayers(pc, { mid, layers }) {
  const transceiver = pc.getTransceivers().find((t) => t.mid === mid);
  if (!transceiver || !Array.isArray(layers)) {
    return;
  }
  const parameters = transceiver.sender.getParameters();
  let changed = false;
  for (const encoding of parameters.encodings ?? []) {
    const wanted = layers.find((l) => l.rid === encoding.rid);
    if (wanted && encoding.active !== Boolean(wanted.active)) {
      encoding.active = Boolean(wanted.active);
      changed = true;
    }
  }
  if (changed) {
    await transceiver.sender.setParameters(parameters);
  }
}
