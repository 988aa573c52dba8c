#!/usr/bin/python3
"""A WHIP publisher (RFC 9725) on GStreamer webrtcbin: an independent WebRTC stack for Vireo's tests.

Usage: gst-whip-publish.py ENDPOINT TOKEN SECONDS
Sends a 640x360 VP8 test pattern: creates the offer, waits for ICE gathering, POSTs it, applies
the 201's answer, runs SECONDS, then DELETEs the session. ICE uses 127.0.0.1 only (libnice skips loopback unless
told; its UPnP probing is turned off). Prints "whip-location <url>" once published and "whip-state <state>" on ICE
state changes; exits 0 after a clean DELETE, 2 on an HTTP error.
"""
import ctypes
import sys
import urllib.error
import urllib.parse
import urllib.request

import gi

gi.require_version('Gst', '1.0')
gi.require_version('GstWebRTC', '1.0')
gi.require_version('GstSdp', '1.0')
from gi.repository import GLib, Gst, GstSdp, GstWebRTC  # noqa: E402

ENDPOINT, TOKEN, SECONDS = sys.argv[1], sys.argv[2], int(sys.argv[3])
PIPELINE = (
    'webrtcbin name=w bundle-policy=max-bundle '
    'videotestsrc is-live=true pattern=ball ! video/x-raw,width=640,height=360,framerate=30/1 '
    '! vp8enc deadline=1 cpu-used=8 keyframe-max-dist=60 ! rtpvp8pay pt=96 '
    '! application/x-rtp,media=video,encoding-name=VP8,payload=96,clock-rate=90000 ! w. '
)


def loopback_only(webrtc):
    """Makes libnice gather on 127.0.0.1 only: nice_agent_add_local_address through ctypes (no Nice typelib here)."""
    ice = webrtc.get_property('ice-agent')
    agent = ice.get_property('agent')
    agent.set_property('upnp', False)
    libnice = ctypes.CDLL('libnice.so.10')
    address = ctypes.create_string_buffer(128)  # NiceAddress is a 28-byte sockaddr union plus padding
    libnice.nice_address_init(address)
    if not libnice.nice_address_set_from_string(address, b'127.0.0.1'):
        raise RuntimeError('nice_address_set_from_string failed')
    libnice.nice_agent_add_local_address.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    if not libnice.nice_agent_add_local_address(hash(agent), address):
        raise RuntimeError('nice_agent_add_local_address failed')
    # The caller keeps these: pygobject drops a reference of the ICE object when its wrapper goes, and webrtcbin
    # then finds it freed.
    return ice, agent


def main():
    Gst.init(None)
    pipe = Gst.parse_launch(PIPELINE)
    webrtc = pipe.get_by_name('w')
    keep = loopback_only(webrtc)  # noqa: F841
    loop = GLib.MainLoop()
    session = {}

    def fail(message):
        print('whip-error ' + message, flush=True)
        session['exit'] = 2
        loop.quit()

    def post_offer():
        offer = webrtc.get_property('local-description').sdp.as_text()
        request = urllib.request.Request(ENDPOINT, data=offer.encode(), method='POST', headers={
            'Content-Type': 'application/sdp', 'Authorization': 'Bearer ' + TOKEN})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                if response.status != 201:
                    return fail('status %d' % response.status)
                answer = response.read().decode()
                session['location'] = urllib.parse.urljoin(ENDPOINT, response.headers['Location'])
        except urllib.error.HTTPError as e:
            return fail('status %d %s' % (e.code, e.read().decode()))
        except urllib.error.URLError as e:
            return fail(str(e.reason))
        _, sdp = GstSdp.SDPMessage.new_from_text(answer)
        def on_remote_set(promise, _data):
            reply = promise.get_reply()
            if reply is not None and reply.has_field('error'):
                fail('set-remote-description: ' + reply.to_string())

        webrtc.emit('set-remote-description',
                    GstWebRTC.WebRTCSessionDescription.new(GstWebRTC.WebRTCSDPType.ANSWER, sdp),
                    Gst.Promise.new_with_change_func(on_remote_set, None))
        print('whip-location ' + session['location'], flush=True)
        GLib.timeout_add_seconds(SECONDS, stop)
        return False

    def stop():
        request = urllib.request.Request(session['location'], method='DELETE')
        try:
            urllib.request.urlopen(request, timeout=10).close()
            session['exit'] = 0
        except urllib.error.HTTPError as e:
            fail('DELETE status %d' % e.code)
        loop.quit()
        return False

    def on_gathering(element, _pspec):
        if element.get_property('ice-gathering-state') == GstWebRTC.WebRTCICEGatheringState.COMPLETE \
                and 'posted' not in session:
            session['posted'] = True
            GLib.idle_add(post_offer)

    def on_offer(promise, _data):
        reply = promise.get_reply()
        offer = reply.get_value('offer') if reply is not None and reply.has_field('offer') else None
        if offer is None:
            return fail('create-offer failed: %s' % (reply.to_string() if reply is not None else 'no reply'))
        webrtc.emit('set-local-description', offer, None)

    def on_negotiation_needed(element):
        element.emit('create-offer', None, Gst.Promise.new_with_change_func(on_offer, None))

    def on_ice_state(element, _pspec):
        print('whip-state ' + element.get_property('ice-connection-state').value_nick, flush=True)

    webrtc.connect('on-negotiation-needed', on_negotiation_needed)
    webrtc.connect('notify::ice-gathering-state', on_gathering)
    webrtc.connect('notify::ice-connection-state', on_ice_state)
    pipe.set_state(Gst.State.PLAYING)
    GLib.timeout_add_seconds(SECONDS + 30, lambda: fail('timed out') or False)
    loop.run()
    pipe.set_state(Gst.State.NULL)
    sys.exit(session.get('exit', 2))


if __name__ == '__main__':
    main()
