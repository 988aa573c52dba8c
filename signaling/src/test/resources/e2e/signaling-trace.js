// Installed before the page's own scripts: keeps the last 200 signaling messages the page sent and received
// (type and wall-clock Date.now(), comparable with the test JVM's clock) in window.__signalingTrace.
(() => {
  if (window.__signalingTrace || !window.WebSocket) return;
  const trace = window.__signalingTrace = [];
  const note = (dir, data) => {
    let type = '?';
    try { type = JSON.parse(data).type; } catch (e) { /* not JSON */ }
    trace.push({dir: dir, type: type, at: Date.now()});
    if (trace.length > 200) trace.shift();
  };
  const Native = window.WebSocket;
  class TracedWebSocket extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', ev => note('in', ev.data));
      this.addEventListener('close', ev => trace.push({dir: 'close', type: String(ev.code), at: Date.now()}));
    }
  }
  const send = Native.prototype.send;
  Native.prototype.send = function (data) {
    note('out', data);
    return send.call(this, data);
  };
  window.WebSocket = TracedWebSocket;
})();
