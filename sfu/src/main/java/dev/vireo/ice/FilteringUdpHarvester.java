package dev.vireo.ice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.AbstractUdpListener;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;
import org.ice4j.util.Buffer;

/**
 * ice4j's one-port harvester, refusing sessions from sources outside the allowed networks.
 *
 * <p>The harvester demultiplexes by source address: a binding request from an unknown source reaches
 * {@link #maybeAcceptNewSession} (with the ufrag of its USERNAME), and only an accepted source gets a socket, through
 * which ice4j's STUN stack reads that source's checks. Refusing here means a connectivity check from a disallowed
 * address is dropped before ice4j sees it: no response, no peer-reflexive candidate, and no media from that address
 * ever reaches a session.
 *
 * <p>Datagrams are read by {@link SharedPortReceiver}, not by the harvester's own thread (which is left blocked on a
 * socket that receives nothing): it calls {@link #acceptSource} for a new source and puts STUN into the socket it
 * gets back.
 */
final class FilteringUdpHarvester extends SinglePortUdpHarvester {
    /*
     * The base constructor starts the receive thread before this class's fields are assigned; a datagram handled in
     * that window sees null and is refused, which is safe (the peer retransmits its check).
     */
    private final AllowedNetworks allowed;
    private final AtomicLong refused = new AtomicLong();

    FilteringUdpHarvester(TransportAddress localAddress, AllowedNetworks allowed) throws IOException {
        super(localAddress);
        this.allowed = allowed;
    }

    @Override
    protected AbstractUdpListener.MySocket maybeAcceptNewSession(Buffer buf, InetSocketAddress remoteAddress,
                                                                 String ufrag) {
        AllowedNetworks rule = allowed;
        if (rule == null || remoteAddress.getAddress() == null || !rule.allows(remoteAddress.getAddress())) {
            refused.incrementAndGet();
            return null;
        }
        return super.maybeAcceptNewSession(buf, remoteAddress, ufrag);
    }

    /**
     * A socket for STUN from {@code from} in the session whose local ufrag is {@code ufrag}, as ice4j makes one for
     * a new source; null if the source is refused or no session has that ufrag.
     */
    SharedPortReceiver.StunSink acceptSource(byte[] firstDatagram, int off, int len, InetSocketAddress from,
                                             String ufrag) {
        AbstractUdpListener.MySocket socket = maybeAcceptNewSession(stunBuffer(firstDatagram, off, len, from), from,
                ufrag);
        return socket == null ? null : new SharedPortReceiver.StunSink() {
            @Override
            public void deliver(byte[] data, int dataOff, int dataLen, InetSocketAddress source) {
                socket.addBuffer(stunBuffer(data, dataOff, dataLen, source));
            }

            @Override
            public boolean isClosed() {
                return socket.isClosed();
            }
        };
    }

    /** How many datagrams from unknown sources were dropped because their network is not allowed. */
    long refused() {
        return refused.get();
    }

    /** A copy in ice4j's buffer type: STUN is a few datagrams a second per session, so a copy each is fine. */
    private Buffer stunBuffer(byte[] data, int off, int len, InetSocketAddress from) {
        return new Buffer(Arrays.copyOfRange(data, off, off + len), 0, len, Instant.now(), getLocalAddress(), from);
    }
}
