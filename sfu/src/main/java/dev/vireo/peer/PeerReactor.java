package dev.vireo.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.vireo.buffer.BufferPool;
import dev.vireo.dtls.DtlsCertificate;

/**
 * One thread that serves the sockets of many {@link PeerTransport}s: a {@link Selector} for reads, and a 10 ms tick
 * for ICE checks, consent and timeouts. DTLS handshakes, which block, run on a small pool beside it.
 *
 * <p>Every datagram is read straight into a pooled {@link PacketBuffer} and split by its first byte (RFC 7983):
 * STUN is answered inline, DTLS records go to the transport's handshake, SRTP and SRTCP are unprotected here and
 * handed to the transport's {@link PeerTransport.MediaHandler}, which runs on this thread and must be quick. A load
 * run uses one reactor per core it gives the clients.
 */
public final class PeerReactor implements AutoCloseable {
    static final long TICK_NANOS = 10_000_000L;
    /** Datagrams read from one channel before the next ready channel gets its turn. */
    static final int READ_BATCH = 64;

    private static final System.Logger LOG = System.getLogger(PeerReactor.class.getName());
    private static final AtomicInteger IDS = new AtomicInteger();

    private final Selector selector;
    private final Thread thread;
    private final Wait wait;
    private final ExecutorService handshakes;
    private final BufferPool pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Owned by the reactor thread. */
    private final List<PeerTransport> transports = new ArrayList<>();
    private final Consumer<SelectionKey> onReady = this::onReady;
    private final AtomicInteger count = new AtomicInteger();
    /** Every datagram is read here first: a direct buffer saves the JDK a copy through one of its own. */
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(2048);
    /** Delayed tasks, reactor thread only: deadlines and tasks side by side. */
    private final List<Long> delayedAt = new ArrayList<>();
    private final List<Runnable> delayed = new ArrayList<>();
    private volatile boolean closed;

    /** How the reactor thread waits for datagrams. */
    public enum Wait {
        /** Sleeps in the selector: costs nothing while idle; a datagram's sender pays for waking this thread. */
        SLEEP,
        /**
         * Polls the selector without sleeping: burns the core it runs on, and in exchange nothing ever has to wake
         * it. For a load generator with a core of its own, sharing a machine with the server it measures: on loopback
         * the sender's {@code sendto} runs the receiver's UDP stack, and waking a sleeping receiver on another vCPU
         * (an interrupt between virtual CPUs) was a fifth of a forwarding server's CPU time at ten receivers. A real
         * network ends the server's cost at its NIC; polling clients keep the measurement close to that.
         */
        SPIN
    }

    /** A reactor with 4 handshake threads and its own pool of receive buffers. */
    public PeerReactor(String name) throws IOException {
        this(name, 4, new BufferPool(4096));
    }

    /**
     * @param name             for the thread names
     * @param handshakeThreads DTLS handshakes that may run at once (each blocks a thread for its duration)
     * @param pool             where received packets' buffers come from; handlers release them there
     */
    public PeerReactor(String name, int handshakeThreads, BufferPool pool) throws IOException {
        this(name, handshakeThreads, pool, Wait.SLEEP);
    }

    /**
     * @param name             for the thread names
     * @param handshakeThreads DTLS handshakes that may run at once (each blocks a thread for its duration)
     * @param pool             where received packets' buffers come from; handlers release them there
     * @param wait             whether the reactor thread sleeps or spins while nothing is ready
     */
    public PeerReactor(String name, int handshakeThreads, BufferPool pool, Wait wait) throws IOException {
        if (handshakeThreads < 1) {
            throw new IllegalArgumentException("handshakeThreads must be at least 1");
        }
        this.pool = pool;
        this.wait = wait;
        this.selector = Selector.open();
        String base = "vireo-peer-" + name + "-" + IDS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.handshakes = Executors.newFixedThreadPool(handshakeThreads, task -> {
            Thread t = new Thread(task, base + "-dtls-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::run, base);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A new transport on a fresh UDP socket bound to 127.0.0.1:0, with random ICE credentials.
     *
     * @param certificate our DTLS identity; share one across all transports of a run (generating one is slow)
     * @param listener    told when the transport connects or fails
     * @param media       receives unprotected RTP and RTCP; null drops them (counted as received)
     * @throws UncheckedIOException if no socket can be opened
     */
    public PeerTransport newTransport(DtlsCertificate certificate, PeerTransport.Listener listener,
                                      PeerTransport.MediaHandler media) {
        if (closed) {
            throw new IllegalStateException("reactor closed");
        }
        try {
            PeerTransport transport = new PeerTransport(this, certificate, listener, media);
            count.incrementAndGet();
            execute(() -> register(transport));
            return transport;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a UDP socket on 127.0.0.1", e);
        }
    }

    /** Transports made and not yet closed. */
    public int transportCount() {
        return count.get();
    }

    public BufferPool pool() {
        return pool;
    }

    /** Runs {@code task} on the reactor thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code task} on the reactor thread after about {@code delayNanos}. */
    void schedule(Runnable task, long delayNanos) {
        long at = System.nanoTime() + delayNanos;
        Runnable add = () -> {
            delayedAt.add(at);
            delayed.add(task);
        };
        if (inReactorThread()) {
            add.run();
        } else {
            execute(add);
        }
    }

    boolean isClosed() {
        return closed;
    }

    void handshake(Runnable task) {
        handshakes.execute(task);
    }

    boolean inReactorThread() {
        return Thread.currentThread() == thread;
    }

    /** Closes every transport, then the thread and the handshake pool. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        execute(() -> {
            for (PeerTransport t : new ArrayList<>(transports)) {
                t.close();
            }
        });
        closed = true;
        selector.wakeup();
        // delayed tasks (SRTP keys of closed transports) run now rather than never
        execute(() -> {
            for (Runnable task : delayed) {
                runSafely(task);
            }
            delayed.clear();
            delayedAt.clear();
        });
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handshakes.shutdownNow();
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    private void register(PeerTransport transport) {
        if (transport.isClosed()) {
            count.decrementAndGet(); // closed before it was ever registered: forget() will not see it
            return;
        }
        try {
            SelectionKey key = transport.channel().register(selector, SelectionKey.OP_READ, transport);
            transport.registered(key);
            transports.add(transport);
        } catch (IOException e) {
            transport.fail("cannot register the socket: " + e);
        }
    }

    /** Called by the transport on this thread when it closes. */
    void forget(PeerTransport transport) {
        if (transports.remove(transport)) {
            count.decrementAndGet();
        }
    }

    private void run() {
        long nextTick = System.nanoTime();
        try {
            while (!closed || !tasks.isEmpty()) {
                long now = System.nanoTime();
                if (wait == Wait.SPIN) {
                    if (selector.selectNow(onReady) == 0) {
                        Thread.onSpinWait();
                    }
                } else {
                    selector.select(onReady, Math.max(1, (nextTick - now) / 1_000_000));
                }
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    runSafely(task);
                }
                now = System.nanoTime();
                if (now - nextTick >= 0) {
                    for (int i = transports.size() - 1; i >= 0; i--) {
                        PeerTransport t = transports.get(i);
                        try {
                            t.tick(now);
                        } catch (RuntimeException e) {
                            LOG.log(System.Logger.Level.WARNING, "tick failed on " + t, e);
                        }
                    }
                    runDelayed(now);
                    nextTick = now + TICK_NANOS;
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.ERROR, "peer reactor stopped", e);
            }
        }
    }

    private void runDelayed(long now) {
        for (int i = delayed.size() - 1; i >= 0; i--) {
            if (now - delayedAt.get(i) >= 0) {
                delayedAt.remove(i);
                runSafely(delayed.remove(i));
            }
        }
    }

    private void onReady(SelectionKey key) {
        if (key.isValid() && key.isReadable()) {
            PeerTransport transport = (PeerTransport) key.attachment();
            try {
                transport.readReady(pool, receiveBuffer, READ_BATCH);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "receive failed on " + transport, e);
            }
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "peer reactor task failed", e);
        }
    }
}
