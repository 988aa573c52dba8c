package dev.vireo.ice;

import java.beans.PropertyChangeEvent;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;

/**
 * The "browser" of these tests: a full ice4j agent in the controlling role with one host candidate on 127.0.0.1.
 * ice4j's own host harvester skips loopback interfaces, so the candidate is made here by hand the way that harvester
 * makes one.
 */
final class BrowserPeer implements AutoCloseable {
    private final Agent agent = new Agent();
    private final Component component;
    private final CountDownLatch completed = new CountDownLatch(1);
    private final byte[] receiveBuffer = new byte[1500];

    BrowserPeer() throws IOException {
        agent.setControlling(true);
        agent.setUseDynamicPorts(false);
        agent.addCandidateHarvester(new LoopbackHarvester());
        agent.addStateChangeListener(this::onState);
        IceMediaStream stream = agent.createMediaStream("bundle");
        component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, true);
        component.getSocket().setSoTimeout(100);
    }

    /** Points this peer at a session: its credentials and its one candidate on the endpoint's port. */
    void target(IceSession session, int serverPort) {
        IceMediaStream stream = component.getParentStream();
        stream.setRemoteUfrag(session.localUfrag());
        stream.setRemotePassword(session.localPassword());
        component.addRemoteCandidate(new RemoteCandidate(
                new TransportAddress(InetAddress.getLoopbackAddress(), serverPort, Transport.UDP), component,
                CandidateType.HOST_CANDIDATE, "1", 2130706431L, null));
    }

    String ufrag() {
        return agent.getLocalUfrag();
    }

    String password() {
        return agent.getLocalPassword();
    }

    /** This peer's candidate as a browser would trickle it. */
    String candidateAttribute() {
        return "candidate:7 1 udp 2122260223 127.0.0.1 " + localPort() + " typ host generation 0 ufrag "
                + ufrag() + " network-id 1";
    }

    int localPort() {
        return component.getLocalCandidates().get(0).getTransportAddress().getPort();
    }

    InetSocketAddress localAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort());
    }

    void start() {
        agent.startConnectivityEstablishment();
    }

    boolean awaitCompleted(long millis) throws InterruptedException {
        return completed.await(millis, TimeUnit.MILLISECONDS);
    }

    void send(byte[] data) throws IOException {
        component.getSocket().send(new DatagramPacket(data, data.length));
    }

    /** The next non-STUN datagram, or null after {@code millis}. */
    byte[] receive(long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        DatagramPacket packet = new DatagramPacket(receiveBuffer, receiveBuffer.length);
        while (System.nanoTime() < deadline) {
            packet.setData(receiveBuffer);
            try {
                component.getSocket().receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            }
            byte[] out = new byte[packet.getLength()];
            System.arraycopy(receiveBuffer, packet.getOffset(), out, 0, out.length);
            return out;
        }
        return null;
    }

    @Override
    public void close() {
        agent.free();
    }

    private void onState(PropertyChangeEvent event) {
        if (event.getNewValue() == IceProcessingState.COMPLETED) {
            completed.countDown();
        }
    }

    private static final class LoopbackHarvester implements CandidateHarvester {
        private final HarvestStatistics statistics = new HarvestStatistics();

        @Override
        public Collection<LocalCandidate> harvest(Component component) {
            try {
                IceUdpSocketWrapper socket = new IceUdpSocketWrapper(new MultiplexingDatagramSocket(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
                HostCandidate candidate = new HostCandidate(socket, component, Transport.UDP);
                component.addLocalCandidate(candidate);
                candidate.getStunStack().addSocket(candidate.getStunSocket(null));
                component.getComponentSocket().add(candidate.getCandidateIceSocketWrapper());
                return List.of(candidate);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public HarvestStatistics getHarvestStatistics() {
            return statistics;
        }

        @Override
        public boolean isHostHarvester() {
            return true;
        }
    }
}
