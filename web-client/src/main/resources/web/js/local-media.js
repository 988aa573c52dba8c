// Camera and microphone capture with graceful fallbacks.

export const VIDEO_CONSTRAINTS = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

/**
 * Asks for the wanted devices, then for less if that fails: audio+video, audio only, video only, nothing.
 * Never rejects: with no device at all the result is an empty stream (join receive-only) and a note.
 *
 * @param {{audio: boolean, video: boolean}} wanted
 * @returns {Promise<{stream: MediaStream, note: string|null}>}
 */
export async function acquireLocalMedia({ audio, video }) {
  const attempts = [];
  if (audio && video) {
    attempts.push({ audio: true, video: VIDEO_CONSTRAINTS });
  }
  if (audio) {
    attempts.push({ audio: true, video: false });
  }
  if (video) {
    attempts.push({ audio: false, video: VIDEO_CONSTRAINTS });
  }
  let lastError = null;
  for (const constraints of attempts) {
    try {
      const stream = await navigator.mediaDevices.getUserMedia(constraints);
      return { stream, note: fallbackNote({ audio, video }, stream) };
    } catch (error) {
      lastError = error;
      console.warn('getUserMedia failed for', constraints, error.name, error.message);
    }
  }
  const note = attempts.length
    ? `No camera or microphone available (${lastError?.name ?? 'unsupported'}): you can join to watch and listen only.`
    : null;
  return { stream: new MediaStream(), note };
}

function fallbackNote(wanted, stream) {
  const gotAudio = stream.getAudioTracks().length > 0;
  const gotVideo = stream.getVideoTracks().length > 0;
  if (wanted.video && !gotVideo) {
    return 'Camera unavailable: joining with audio only.';
  }
  if (wanted.audio && !gotAudio) {
    return 'Microphone unavailable: others will not hear you.';
  }
  return null;
}

export function stopStream(stream) {
  for (const track of stream?.getTracks() ?? []) {
    track.stop();
  }
}
