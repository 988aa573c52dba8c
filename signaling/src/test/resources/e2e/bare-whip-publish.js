// A bare WHIP publisher (RFC 9725), no Vireo code: 1280x720 camera + mic, one POST, the answer applied.
// Arguments: endpoint URL, bearer token, and optionally true for VP8 simulcast (rids q/h/f: 320x180, 640x360,
// 1280x720). Resolves to the session's Location, or "error STATUS body".
return (async () => {
  const [endpoint, token, simulcast] = arguments;
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: true, video: { width: { exact: 1280 }, height: { exact: 720 } } });
  const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
  for (const track of stream.getTracks()) {
    const init = { direction: 'sendonly', streams: [stream] };
    if (track.kind === 'video' && simulcast) {
      init.sendEncodings = [{ rid: 'q', scaleResolutionDownBy: 4 }, { rid: 'h', scaleResolutionDownBy: 2 },
        { rid: 'f', scaleResolutionDownBy: 1 }];
    }
    const t = pc.addTransceiver(track, init);
    if (track.kind === 'video' && !simulcast) {
      const p = t.sender.getParameters();
      p.degradationPreference = 'maintain-resolution';
      await t.sender.setParameters(p);
    }
  }
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && resolve();
    setTimeout(resolve, 2000);
  });
  const response = await fetch(endpoint, { method: 'POST', body: pc.localDescription.sdp,
    headers: { 'Content-Type': 'application/sdp', Authorization: 'Bearer ' + token } });
  if (response.status !== 201) {
    return 'error ' + response.status + ' ' + await response.text();
  }
  await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
  window.__whip = { pc, location: response.headers.get('Location') };
  return response.headers.get('Location');
})();
