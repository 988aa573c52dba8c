// Loads /api/client-config and works out the signaling WebSocket URL.

/**
 * The server gives either a full "signalingUrl" or a "signalingPort" (+ optional "signalingPath") on the
 * page's own host; with neither, signaling is assumed on the page's own origin.
 */
export function signalingUrlFrom(config, loc = location) {
  if (config.signalingUrl) {
    return config.signalingUrl;
  }
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  const port = config.signalingPort ?? loc.port;
  let path = config.signalingPath ?? '/';
  if (!path.startsWith('/')) {
    path = `/${path}`;
  }
  // URL.hostname already brackets IPv6 literals.
  return `${scheme}//${loc.hostname}${port ? `:${port}` : ''}${path}`;
}

/** @returns {Promise<{signalingUrl: string, iceServers: RTCIceServer[]}>} */
export async function loadClientConfig() {
  const response = await fetch('/api/client-config', { cache: 'no-store' });
  if (!response.ok) {
    throw new Error(`client config: HTTP ${response.status}`);
  }
  const config = await response.json();
  return {
    signalingUrl: signalingUrlFrom(config),
    iceServers: Array.isArray(config.iceServers) ? config.iceServers : [],
  };
}
