package dev.vireo.dtls;

import org.bouncycastle.tls.DatagramTransport;

/** The tests' datagram transports: one datagram limit both ways, the 1200 bytes WebRTC stacks keep under. */
interface TestDatagramTransport extends DatagramTransport {
    int MTU = 1200;

    @Override
    default int getReceiveLimit() {
        return MTU;
    }

    @Override
    default int getSendLimit() {
        return MTU;
    }
}
