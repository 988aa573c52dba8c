// Start page: suggest a room name and go to /room/{name}.

const ADJECTIVES = ['amber', 'brisk', 'calm', 'clever', 'cosy', 'bright', 'quiet', 'swift', 'sunny', 'misty'];
const NOUNS = ['vireo', 'otter', 'heron', 'maple', 'harbor', 'meadow', 'comet', 'falcon', 'willow', 'canyon'];

function pick(list) {
  return list[Math.floor(Math.random() * list.length)];
}

/** A readable, hard-to-collide room name such as "swift-heron-42". */
export function suggestRoomName() {
  const number = Math.floor(Math.random() * 90) + 10;
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${number}`;
}

const form = document.getElementById('room-form');
const input = document.getElementById('room-name');

input.value = suggestRoomName();
input.select();

document.getElementById('shuffle').addEventListener('click', () => {
  input.value = suggestRoomName();
  input.focus();
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const room = input.value.trim();
  if (!room) {
    input.focus();
    return;
  }
  location.assign(`/room/${encodeURIComponent(room)}`);
});
