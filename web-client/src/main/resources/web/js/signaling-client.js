// WebSocket transport for signaling protocol v1: JSON text frames, keep-alive pings, reconnect with backoff.

const PING_INTERVAL_MS = 10_000;
/** No frame at all (not even a pong) for this long means the connection is dead even if TCP has not noticed. */
const SILENCE_LIMIT_MS = 30_000;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 5_000;

export class SignalingClient {
  #url;
  #handlers;
  #ws = null;
  #pingTimer = null;
  #retryTimer = null;
  #attempt = 0;
  #lastReceived = 0;
  #stopped = false;

  /**
   * @param {string} url ws:// or wss:// URL
   * @param {{onOpen: function(): void, onMessage: function(object): void, onLost: function(number): void}} handlers
   *   onLost(delayMs) is called whenever the socket closes or fails without close() having been called;
   *   a new attempt follows after delayMs.
   */
  constructor(url, handlers) {
    this.#url = url;
    this.#handlers = handlers;
  }

  connect() {
    this.#stopped = false;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const ws = new WebSocket(this.#url);
    this.#ws = ws;
    ws.addEventListener('open', () => this.#onOpen(ws));
    ws.addEventListener('message', (event) => this.#onMessage(ws, event));
    ws.addEventListener('close', () => this.#onClosed(ws));
    // An 'error' is always followed by 'close', which does the handling.
  }

  /** @returns {boolean} whether the message was handed to an open socket */
  send(message) {
    if (this.#ws?.readyState !== WebSocket.OPEN) {
      return false;
    }
    this.#ws.send(JSON.stringify(message));
    return true;
  }

  /** Call once the server has accepted us, so that the next outage starts again at the shortest delay. */
  resetBackoff() {
    this.#attempt = 0;
  }

  /** Drops the current socket as if the network had failed, to go through the reconnect path. */
  reconnect() {
    if (this.#ws && !this.#stopped) {
      this.#drop(this.#ws);
    }
  }

  /** Closes for good: no reconnect. */
  close() {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#stopPing();
    const ws = this.#ws;
    this.#ws = null;
    ws?.close(1000, 'client closed');
  }

  #onOpen(ws) {
    if (ws !== this.#ws) {
      return;
    }
    this.#lastReceived = Date.now();
    this.#stopPing();
    this.#pingTimer = setInterval(() => this.#ping(ws), PING_INTERVAL_MS);
    this.#handlers.onOpen();
  }

  #onMessage(ws, event) {
    if (ws !== this.#ws) {
      return;
    }
    this.#lastReceived = Date.now();
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      console.warn('signaling: ignoring a frame that is not JSON', event.data);
      return;
    }
    if (message && typeof message.type === 'string') {
      this.#handlers.onMessage(message);
    } else {
      console.warn('signaling: ignoring a message without "type"', message);
    }
  }

  #ping(ws) {
    if (Date.now() - this.#lastReceived > SILENCE_LIMIT_MS) {
      console.warn('signaling: server silent, reconnecting');
      this.#drop(ws);
      return;
    }
    this.send({ type: 'ping' });
  }

  #onClosed(ws) {
    if (ws === this.#ws && !this.#stopped) {
      this.#drop(ws);
    }
  }

  /** Forgets a socket (its late events are ignored) and schedules the next attempt. */
  #drop(ws) {
    this.#stopPing();
    this.#ws = null;
    ws.close();
    const delay = Math.min(BACKOFF_FIRST_MS * 2 ** this.#attempt, BACKOFF_MAX_MS);
    this.#attempt++;
    this.#retryTimer = setTimeout(() => this.connect(), delay);
    this.#handlers.onLost(delay);
  }

  #stopPing() {
    clearInterval(this.#pingTimer);
    this.#pingTimer = null;
  }
}
