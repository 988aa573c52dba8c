// A hand-rolled Vireo client that lies about its DTLS certificate: it joins arguments[1] on signaling server
// arguments[0] as arguments[2] and publishes the fake camera and microphone with a sha-256 fingerprint whose hex
// digits are all flipped; its subscribe answers carry the same lie when arguments[3] is true, the truth otherwise.
// Everything it sees is recorded in window.munged; the returned promise resolves once it has joined and sent its
// publish offer.
const [url, room, name, mungeSubscribe] = arguments;
const m = window.munged = {participantId: null, received: [], errors: [], fingerprintsReplaced: 0, bye: null,
  publishAnswered: false, subscribeOffered: false, states: {publish: [], subscribe: []}};
const flipFingerprint = sdp => sdp.replace(/^(a=fingerprint:sha-256 )([0-9A-Fa-f:]+)/gm, (_, prefix, fp) => {
  m.fingerprintsReplaced++;
  return prefix + fp.replace(/[0-9A-Fa-f]/g, c => (15 - parseInt(c, 16)).toString(16).toUpperCase());
});
const ws = new WebSocket(url);
const send = msg => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(msg));
const watch = (pc, role) => {
  const record = () => m.states[role].push(pc.connectionState + '/' + pc.iceConnectionState);
  pc.addEventListener('connectionstatechange', record);
  pc.addEventListener('iceconnectionstatechange', record);
  pc.addEventListener('icecandidate', ev => {
    if (ev.candidate && ev.candidate.candidate) {
      send({type: 'candidate', pc: role, candidate: ev.candidate.candidate, sdpMid: ev.candidate.sdpMid,
            sdpMLineIndex: ev.candidate.sdpMLineIndex});
    }
  });
  return pc;
};
const publishPc = m.publishPc = watch(new RTCPeerConnection(), 'publish');
let subscribePc = null;
const pcFor = role => role === 'subscribe' ? subscribePc : publishPc;
return new Promise((resolve, reject) => {
  ws.onerror = () => reject(new Error('signaling websocket error'));
  ws.onopen = () => send({type: 'join', version: 1, room: room, name: name});
  ws.onmessage = async event => {
    const msg = JSON.parse(event.data);
    m.received.push(msg.type);
    try {
      if (msg.type === 'joined') {
        m.participantId = msg.participantId;
        const media = await navigator.mediaDevices.getUserMedia(
            {audio: true, video: {width: {ideal: 1280}, height: {ideal: 720}}});
        media.getTracks().forEach(t => publishPc.addTrack(t, media));
        const offer = await publishPc.createOffer();
        await publishPc.setLocalDescription(offer);
        send({type: 'publish-offer', sdp: flipFingerprint(offer.sdp)});
        resolve(m.participantId);
      } else if (msg.type === 'publish-answer') {
        await publishPc.setRemoteDescription({type: 'answer', sdp: msg.sdp});
        m.publishAnswered = true;
      } else if (msg.type === 'subscribe-offer') {
        m.subscribeOffered = true;
        if (!subscribePc) subscribePc = m.subscribePc = watch(new RTCPeerConnection(), 'subscribe');
        await subscribePc.setRemoteDescription({type: 'offer', sdp: msg.sdp});
        const answer = await subscribePc.createAnswer();
        await subscribePc.setLocalDescription(answer);
        send({type: 'subscribe-answer', sdp: mungeSubscribe ? flipFingerprint(answer.sdp) : answer.sdp});
      } else if (msg.type === 'candidate') {
        const pc = pcFor(msg.pc);
        if (pc) await pc.addIceCandidate({candidate: msg.candidate, sdpMid: msg.sdpMid, sdpMLineIndex: msg.sdpMLineIndex});
      } else if (msg.type === 'bye') {
        m.bye = msg.reason + (msg.message ? ': ' + msg.message : '');
      } else if (msg.type === 'error') {
        m.errors.push(msg.code + ': ' + msg.message);
        if (!m.participantId) reject(new Error('join refused: ' + msg.code + ' ' + msg.message));
      }
    } catch (e) {
      m.errors.push(msg.type + ': ' + e);
    }
  };
});
