// A bare WHIP publisher (RFC 9725), no Vireo code: 1280x720 camera + mic, one POST, the answer applied.
// Arguments: endpoint URL, bearer token, and optionally true for VP8 simulcast (rids q/h/f: 320x180, 640x360,
// 1280x720) or 'ssrc' for the same three layers signalled the legacy way: the offer munged to carry three SSRCs in an
// a=ssrc-group:SIM, each with its RTX in an a=ssrc-group:FID, as libwebrtc-based clients did before rids (Chromium
// still encodes one layer per SIM SSRC, lowest first). Resolves to the session's Location, or "error STATUS body".
const ssrcSimulcast = (sdp) => {
  const lines = sdp.split('\r\n');
  const video = lines.findIndex(l => l.startsWith('m=video'));
  const end = lines.findIndex((l, i) => i > video && l.startsWith('m='));
  const inVideo = i => i > video && (end < 0 || i < end);
  const fid = lines.find((l, i) => inVideo(i) && l.startsWith('a=ssrc-group:FID ')).split(' ');
  const cname = lines.find((l, i) => inVideo(i) && l.includes(' cname:')).split(' cname:')[1];
  const msid = lines.find((l, i) => inVideo(i) && l.startsWith('a=msid:')).substring('a=msid:'.length);
  const media = [0, 1, 2].map(k => Number(fid[1]) + k);
  const rtx = [0, 1, 2].map(k => Number(fid[2]) + k);
  const added = ['a=ssrc-group:SIM ' + media.join(' ')];
  media.forEach((s, k) => added.push('a=ssrc-group:FID ' + s + ' ' + rtx[k]));
  media.concat(rtx).forEach(s => added.push('a=ssrc:' + s + ' cname:' + cname, 'a=ssrc:' + s + ' msid:' + msid));
  const kept = lines.filter((l, i) => !(inVideo(i) && (l.startsWith('a=ssrc:') || l.startsWith('a=ssrc-group:'))));
  const at = end < 0 ? kept.length - 1 : kept.findIndex((l, i) => i > video && l.startsWith('m='));
  kept.splice(at, 0, ...added);
  return kept.join('\r\n');
};
return (async () => {
  const [endpoint, token, simulcast] = arguments;
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: true, video: { width: { exact: 1280 }, height: { exact: 720 } } });
  const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
  for (const track of stream.getTracks()) {
    if (simulcast === 'ssrc') {
      // addTrack, not addTransceiver: Chromium gives a transceiver made with an encodings list one explicit
      // scale for every SIM layer (three 1280x720 streams); addTrack leaves it free to scale them 1/4, 1/2, 1.
      pc.addTrack(track, stream);
      pc.getTransceivers().forEach(t => { t.direction = 'sendonly'; });
      continue;
    }
    const init = { direction: 'sendonly', streams: [stream] };
    if (track.kind === 'video' && simulcast === true) {
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
  const offer = await pc.createOffer();
  await pc.setLocalDescription(simulcast === 'ssrc' ? { type: 'offer', sdp: ssrcSimulcast(offer.sdp) } : offer);
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
