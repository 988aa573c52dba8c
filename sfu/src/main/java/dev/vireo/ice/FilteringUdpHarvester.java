package dev.vireo.ice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.AbstractUdpListener;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;
import org.ice4j.util.Buffer;

/**
 * ice4j's one-port harvester, refusing sessions from sources outside the allowed networks.
 *
 * <p>The harvester demultiplexes by source address: a datagram from an unknown source reaches
 * {@link #maybeAcceptNewSession} (with the ufrag of its STUN USERNAME, if any), and only an accepted source gets a
 * socket. Refusing here means a connectivity check from a disallowed address is dropped before ice4j's STUN stack sees
 * it: no response, no peer-reflexive candidate, and no media from that address ever reaches a session.
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

    /** How many datagrams from unknown sources were dropped because their network is not allowed. */
    long refused() {
        return refused.get();
    }
}
