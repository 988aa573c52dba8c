// A raw-protocol Vireo client that publishes the fake camera and then resumes its participant over a new WebSocket.
// arguments[0] is the action:
//   'start', url, room, name: joins room on signaling server url and publishes audio + video; resolves with
//          {participantId, ssrcs} once the publish PeerConnection is connected and sending.
//   'resume': closes the WebSocket without 'leave', opens a new one, joins with participantId + resumeToken and, on
//          'joined', closes the old publish PeerConnection and publishes again on a new one (new SSRCs); resolves with
//          {participantId, ssrcs, oldClosedAt} once the new one is connected and sending.
//   'state': what it saw so far.
// Subscribe offers are answered (receive-only) so the server sees a well-behaved client.
const [action, ...args] = arguments;
const r = window.resumer = window.resumer || {ws: null, participantId: null, resumeToken: null, publishPc: null,
  subscribePc: null, stream: null, received: [], errors: [], oldClosedAt: 0, url: null, room: null, name: null};

const send = msg => r.ws && r.ws.readyState === WebSocket.OPEN && r.ws.send(JSON.stringify(msg));
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function outboundSsrcs(pc) {
  const ssrcs = {};
  (await pc.getStats()).forEach(s => {
    if (s.type === 'outbound-rtp' && s.bytesSent > 0) ssrcs[s.kind] = s.ssrc;
  });
  return ssrcs;
}

async function untilSending(pc) {
  for (let i = 0; i < 150; i++) {
    const ssrcs = await outboundSsrcs(pc);
    if (pc.connectionState === 'connected' && ssrcs.video) return ssrcs;
    await sleep(100);
  }
  throw new Error('publish PeerConnection not sending: ' + pc.connectionState + '; ' + JSON.stringify(r.errors));
}

function trickle(pc, role) {
  pc.addEventListener('icecandidate', ev => {
    if (ev.candidate && ev.candidate.candidate) {
      send({type: 'candidate', pc: role, candidate: ev.candidate.candidate, sdpMid: ev.candidate.sdpMid,
            sdpMLineIndex: ev.candidate.sdpMLineIndex});
    }
  });
  return pc;
}

async function publish() {
  if (!r.stream) {
    r.stream = await navigator.mediaDevices.getUserMedia({audio: true, video: {width: 640, height: 360}});
  }
  const pc = r.publishPc = trickle(new RTCPeerConnection(), 'publish');
  r.stream.getTracks().forEach(t => pc.addTransceiver(t, {direction: 'sendonly', streams: [r.stream]}));
  await pc.setLocalDescription(await pc.createOffer());
  send({type: 'publish-offer', sdp: pc.localDescription.sdp});
  return pc;
}

function connect(onJoined) {
  const ws = r.ws = new WebSocket(r.url);
  ws.onopen = () => {
    const join = {type: 'join', version: 1, room: r.room, name: r.name};
    if (r.participantId && r.resumeToken) {
      join.participantId = r.participantId;
      join.resumeToken = r.resumeToken;
    }
    send(join);
  };
  ws.onmessage = async event => {
    const msg = JSON.parse(event.data);
    r.received.push(msg.type + (msg.type === 'participant-left' ? ':' + msg.participantId : ''));
    try {
      if (msg.type === 'joined') {
        r.participantId = msg.participantId;
        r.resumeToken = msg.resumeToken;
        onJoined();
      } else if (msg.type === 'publish-answer') {
        await r.publishPc.setRemoteDescription({type: 'answer', sdp: msg.sdp});
      } else if (msg.type === 'subscribe-offer') {
        if (!r.subscribePc) r.subscribePc = trickle(new RTCPeerConnection(), 'subscribe');
        await r.subscribePc.setRemoteDescription({type: 'offer', sdp: msg.sdp});
        await r.subscribePc.setLocalDescription(await r.subscribePc.createAnswer());
        send({type: 'subscribe-answer', sdp: r.subscribePc.localDescription.sdp});
      } else if (msg.type === 'candidate') {
        const pc = msg.pc === 'publish' ? r.publishPc : r.subscribePc;
        if (pc) await pc.addIceCandidate({candidate: msg.candidate, sdpMid: msg.sdpMid, sdpMLineIndex: msg.sdpMLineIndex});
      } else if (msg.type === 'error' || msg.type === 'bye') {
        r.errors.push(msg.type + ': ' + (msg.code || msg.reason) + ' ' + (msg.message || ''));
      }
    } catch (e) {
      r.errors.push(msg.type + ': ' + e);
    }
  };
}

if (action === 'state') {
  return {participantId: r.participantId, received: r.received, errors: r.errors,
          publish: r.publishPc && r.publishPc.connectionState};
}
if (action === 'start') {
  [r.url, r.room, r.name] = args;
  return new Promise((resolve, reject) => {
    connect(async () => {
      try {
        const pc = await publish();
        resolve({participantId: r.participantId, ssrcs: await untilSending(pc)});
      } catch (e) {
        reject(e);
      }
    });
  });
}
if (action === 'resume') {
  const old = r.publishPc;
  r.ws.onclose = null;
  r.ws.onmessage = null;
  r.ws.close();
  const oldSubscribe = r.subscribePc;
  r.subscribePc = null; // the resumed participant gets a fresh subscribe offer
  return new Promise((resolve, reject) => {
    connect(async () => {
      try {
        // Only now: closing it earlier would end its DTLS session, a media failure that removes us at once.
        old.close();
        if (oldSubscribe) oldSubscribe.close();
        r.oldClosedAt = Date.now();
        const pc = await publish();
        resolve({participantId: r.participantId, ssrcs: await untilSending(pc), oldClosedAt: r.oldClosedAt});
      } catch (e) {
        reject(e);
      }
    });
  });
}
throw new Error('unknown action ' + action);
