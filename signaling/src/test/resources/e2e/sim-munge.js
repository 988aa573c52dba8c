// Installed before the Vireo page's own scripts (Page.addScriptToEvaluateOnNewDocument): turns the web client's
// publisher into a legacy SSRC-signalled simulcast sender, the way Jitsi Meet published for years. The video
// transceiver is added without rid-based sendEncodings; the local offer is munged before setLocalDescription so its
// video section lists three SSRCs in an a=ssrc-group:SIM (lowest layer first) plus one a=ssrc-group:FID (RTX) per
// layer; Chromium then encodes three layers (scaled 1/4, 1/2, 1) on those SSRCs. window.simMunge records what was done.
(() => {
  const state = window.simMunge = { offersMunged: 0, ssrcs: [], encodingsDropped: 0 };
  const addTransceiver = RTCPeerConnection.prototype.addTransceiver;
  RTCPeerConnection.prototype.addTransceiver = function (trackOrKind, init) {
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    if (kind === 'video' && init && init.sendEncodings) {
      init = Object.assign({}, init);
      delete init.sendEncodings;
      state.encodingsDropped++;
    }
    return addTransceiver.call(this, trackOrKind, init);
  };
  const random32 = () => (Math.floor(Math.random() * 0xfffffff0) + 1) >>> 0;
  // One media section ("m=video ..." up to, not including, the next "\r\nm="); the last one ends with "\r\n".
  const mungeVideo = (section) => {
    const trailing = section.endsWith('\r\n');
    const lines = section.split('\r\n').filter((l) => l !== '');
    const fid = lines.find((l) => l.startsWith('a=ssrc-group:FID '));
    if (!fid || lines.some((l) => l.startsWith('a=ssrc-group:SIM'))) {
      return section;
    }
    const [primary, rtx] = fid.substring('a=ssrc-group:FID '.length).split(' ');
    const prefix = 'a=ssrc:' + primary + ' ';
    const attributes = lines.filter((l) => l.startsWith(prefix)).map((l) => l.substring(prefix.length));
    const pairs = [[primary, rtx], [String(random32()), String(random32())], [String(random32()), String(random32())]];
    const kept = lines.filter((l) => !l.startsWith('a=ssrc:') && !l.startsWith('a=ssrc-group:'));
    const added = [];
    for (const pair of pairs) {
      for (const ssrc of pair) {
        for (const attribute of attributes) {
          added.push('a=ssrc:' + ssrc + ' ' + attribute);
        }
      }
    }
    added.push('a=ssrc-group:SIM ' + pairs.map((p) => p[0]).join(' '));
    for (const pair of pairs) {
      added.push('a=ssrc-group:FID ' + pair[0] + ' ' + pair[1]);
    }
    state.ssrcs = pairs.map((p) => p[0]);
    return kept.concat(added).join('\r\n') + (trailing ? '\r\n' : '');
  };
  const createOffer = RTCPeerConnection.prototype.createOffer;
  RTCPeerConnection.prototype.createOffer = async function (...args) {
    const offer = await createOffer.apply(this, args);
    const sendsVideo = this.getTransceivers().some((t) => t.sender.track && t.sender.track.kind === 'video'
      && t.direction === 'sendonly');
    if (!sendsVideo) {
      return offer;
    }
    const parts = offer.sdp.split('\r\nm=');
    const munged = parts.map((p, i) => (i > 0 && p.startsWith('video ') ? mungeVideo('m=' + p).substring(2) : p))
      .join('\r\nm=');
    state.offersMunged++;
    return { type: offer.type, sdp: munged };
  };
  // Chromium makes one encoding per SIM SSRC but, unlike the libwebrtc Jitsi first used, leaves them all at the
  // camera's size: scale them as the rid-based client does (1/4, 1/2, 1), lowest first like the SIM group.
  const setLocalDescription = RTCPeerConnection.prototype.setLocalDescription;
  RTCPeerConnection.prototype.setLocalDescription = async function (...args) {
    await setLocalDescription.apply(this, args);
    for (const t of this.getTransceivers()) {
      if (!t.sender.track || t.sender.track.kind !== 'video' || t.direction !== 'sendonly') {
        continue;
      }
      const parameters = t.sender.getParameters();
      const encodings = parameters.encodings || [];
      if (encodings.length === 3 && encodings.some((e) => e.scaleResolutionDownBy !== [4, 2, 1][encodings.indexOf(e)])) {
        encodings.forEach((e, i) => { e.scaleResolutionDownBy = [4, 2, 1][i]; });
        await t.sender.setParameters(parameters);
        state.scaled = encodings.map((e) => e.scaleResolutionDownBy);
      }
    }
  };
})();
