// Reads a stream's state from the streams API: {state: live|idle|ended, viewers, bitrate, title}, or null.

/** The stream whose room is `room` (a stream's id is its room), or null when there is none. */
export async function fetchStream(room) {
  const response = await fetch(`/api/streams/${encodeURIComponent(room)}`, { cache: 'no-store' });
  if (response.status === 404) {
    return null;
  }
  if (!response.ok) {
    throw new Error(`streams API answered ${response.status}`);
  }
  return response.json();
}

/** The room named by the last path segment of this page (/live/ROOM, /watch/ROOM). */
export function roomFromPath() {
  const parts = location.pathname.split('/').filter(Boolean);
  return decodeURIComponent(parts[parts.length - 1] || '');
}

export function formatBitrate(bps) {
  if (!bps) {
    return '-';
  }
  return bps >= 1e6 ? `${(bps / 1e6).toFixed(2)} Mbit/s` : `${Math.round(bps / 1e3)} kbit/s`;
}
