// Watches a WHEP endpoint with Vireo's whip-client module and keeps the PeerConnection on window.__whep.
// Arguments: endpoint URL, bearer token or null. Resolves to the session's resource URL, or "error STATUS message".
return (async () => {
  const [endpoint, token] = arguments;
  const { watch } = await import('/js/whip-client.js');
  try {
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    document.body.appendChild(video);
    const session = await watch(endpoint, token, (e) => { video.srcObject = e.streams[0] || new MediaStream([e.track]); });
    window.__whep = session;
    return session.resource;
  } catch (e) {
    return 'error ' + e.status + ' ' + e.message;
  }
})();
