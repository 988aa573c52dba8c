// Pre-join screen: name, camera/mic preview and toggles.

import { acquireLocalMedia } from './local-media.js';
import { setToggle } from './toggle.js';
import { avatarColor, initials } from './tile.js';

const NAME_KEY = 'vireo.displayName';

export function rememberedName() {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

function rememberName(name) {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // Storage may be disabled; the name is only a convenience.
  }
}

/**
 * Shows the pre-join screen until the user clicks Join.
 * @param {string} defaultName e.g. from ?name=; else the name used last time
 * @returns {Promise<{name: string, stream: MediaStream, micOn: boolean, cameraOn: boolean, note: string|null}>}
 */
export async function runPrejoin(defaultName) {
  const screen = document.getElementById('prejoin');
  const form = document.getElementById('prejoin-form');
  const nameInput = document.getElementById('display-name');
  const video = document.getElementById('preview-video');
  const avatar = document.getElementById('preview-avatar');
  const micButton = document.getElementById('prejoin-mic');
  const cameraButton = document.getElementById('prejoin-camera');
  const note = document.getElementById('media-note');
  const joinButton = document.getElementById('prejoin-join');

  screen.hidden = false;
  nameInput.value = defaultName || rememberedName();
  nameInput.focus();

  const media = await acquireLocalMedia({ audio: true, video: true });
  const { stream } = media;
  const audioTrack = stream.getAudioTracks()[0];
  const videoTrack = stream.getVideoTracks()[0];
  video.srcObject = stream;
  note.hidden = !media.note;
  note.textContent = media.note ?? '';

  let micOn = Boolean(audioTrack);
  let cameraOn = Boolean(videoTrack);
  const render = () => {
    setToggle(micButton, micOn, { on: 'Mic on', off: 'Mic off', available: Boolean(audioTrack) });
    setToggle(cameraButton, cameraOn, { on: 'Camera on', off: 'Camera off', available: Boolean(videoTrack) });
    video.hidden = !cameraOn;
    avatar.hidden = cameraOn;
    avatar.textContent = initials(nameInput.value);
    avatar.style.setProperty('--avatar-color', avatarColor(nameInput.value));
  };
  micButton.addEventListener('click', () => {
    micOn = !micOn;
    audioTrack.enabled = micOn;
    render();
  });
  cameraButton.addEventListener('click', () => {
    cameraOn = !cameraOn;
    videoTrack.enabled = cameraOn;
    render();
  });
  nameInput.addEventListener('input', render);
  render();
  joinButton.disabled = false;

  await new Promise((resolve) => {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (nameInput.value.trim()) {
        resolve();
      } else {
        nameInput.focus();
      }
    });
  });

  const name = nameInput.value.trim();
  rememberName(name);
  video.srcObject = null;
  screen.hidden = true;
  return { name, stream, micOn, cameraOn, note: media.note };
}
