package dev.vireo.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.vireo.ice.CandidateAttribute;
import dev.vireo.stun.ErrorCode;
import dev.vireo.stun.MessageIntegrity;
import dev.vireo.stun.StunException;
import dev.vireo.stun.StunMessage;
import dev.vireo.stun.StunMessageType;
import dev.vireo.stun.StunMessageWriter;

/**
 * The ICE agent of one {@link PeerTransport} (RFC 8445), reduced to what a client on loopback needs: one component,
 * host candidates only, every remote candidate checked at once.
 *
 * <p>Controlling (the default) nominates aggressively: every check carries USE-CANDIDATE, and the first pair whose
 * check succeeds is selected. Controlled selects a pair once the peer nominated it and our own check on it succeeded.
 * A role conflict is resolved by tiebreaker (§7.3.1.1). Checks go out at 50 ms and back off to 500 ms. The peer's
 * checks are always answered, before and after selection, since both libnice and ice4j check us as well and use
 * checks as consent (RFC 7675). Once selected, a consent check goes out every 2.5 s; 30 s without an answer fails.
 *
 * <p>Runs on its reactor's thread only: no locks.
 */
final class IceChecker {
    interface Events {
        void onSelected(InetSocketAddress remote);

        void onFailed(String reason);
    }

    /** PRIORITY of the peer-reflexive candidate a check could reveal (RFC 8445 §7.1.1): type preference 110. */
    static final long PRFLX_PRIORITY = CandidateAttribute.priority(110, 65535, 1);
    static final long FIRST_INTERVAL_NANOS = 50_000_000L;
    static final long MAX_INTERVAL_NANOS = 500_000_000L;
    static final long CONSENT_INTERVAL_NANOS = 2_500_000_000L;
    static final long CONSENT_TIMEOUT_NANOS = 30_000_000_000L;
    /**
     * How long a controlling agent whose check succeeded waits for the peer's own check before selecting anyway.
     * A peer starts DTLS only once its side of the pair works (libnice, ice4j): a ClientHello sent before that is
     * dropped and costs a 1 s retransmission.
     */
    static final long PEER_CHECK_GRACE_NANOS = 300_000_000L;
    private static final int MAX_CANDIDATES = 16;
    /** Transaction IDs remembered per candidate: a response to any recent check counts. */
    private static final int REMEMBERED = 8;

    private final DatagramChannel channel;
    private final Events events;
    private final byte[] localUfrag;
    private final MessageIntegrity localKey;
    private final long tiebreaker;
    private final long timeoutNanos;
    private final StunMessageWriter writer = new StunMessageWriter();
    private final byte[] out = new byte[512];
    private final ByteBuffer outBuffer = ByteBuffer.wrap(out);
    private final byte[] transactionId = new byte[StunMessage.TRANSACTION_ID_LENGTH];
    private final List<Check> checks = new ArrayList<>();

    private boolean started;
    private boolean controlling;
    private byte[] requestUsername;
    private MessageIntegrity remoteKey;
    private long deadline;
    private Check selected;
    private long nextConsentAt;
    private long lastConsentAt;
    private boolean done;

    private static final class Check {
        final InetSocketAddress address;
        final byte[] transactionIds = new byte[REMEMBERED * StunMessage.TRANSACTION_ID_LENGTH];
        int sent;
        long nextAt;
        long interval = FIRST_INTERVAL_NANOS;
        boolean succeeded;
        long succeededAt;
        /** We answered a check of theirs from this address: their side of the pair works too. */
        boolean peerChecked;
        boolean nominatedByPeer;

        Check(InetSocketAddress address, long now) {
            this.address = address;
            this.nextAt = now;
        }

        boolean sentTransaction(StunMessage m) {
            int n = Math.min(sent, REMEMBERED);
            for (int i = 0; i < n; i++) {
                if (m.hasTransactionId(transactionIds, i * StunMessage.TRANSACTION_ID_LENGTH)) {
                    return true;
                }
            }
            return false;
        }
    }

    IceChecker(DatagramChannel channel, Events events, String localUfrag, String localPassword, long tiebreaker,
               long timeoutNanos) {
        this.channel = channel;
        this.events = events;
        this.localUfrag = localUfrag.getBytes(StandardCharsets.UTF_8);
        this.localKey = new MessageIntegrity(localPassword);
        this.tiebreaker = tiebreaker;
        this.timeoutNanos = timeoutNanos;
    }

    /** Starts checking towards {@code candidates} (already filtered to usable loopback addresses). */
    void start(String remoteUfrag, String remotePassword, List<InetSocketAddress> candidates, boolean controlling,
               long now) {
        this.requestUsername = (remoteUfrag + ":" + new String(localUfrag, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        this.remoteKey = new MessageIntegrity(remotePassword);
        this.controlling = controlling;
        this.deadline = now + timeoutNanos;
        this.started = true;
        for (InetSocketAddress candidate : candidates) {
            addCandidate(candidate, now);
        }
    }

    /** A trickled or peer-reflexive candidate; checked at once. */
    void addCandidate(InetSocketAddress address, long now) {
        if (done || selected != null || find(address) != null || checks.size() >= MAX_CANDIDATES) {
            return;
        }
        checks.add(new Check(address, now));
    }

    boolean isControlling() {
        return controlling;
    }

    /** One STUN message from {@code from} (which, once a pair is selected, is always its remote address). */
    void onStun(StunMessage m, InetSocketAddress from, long now) {
        if (done || m.method() != StunMessageType.BINDING) {
            return;
        }
        switch (m.messageClass()) {
            case REQUEST -> onRequest(m, from, now);
            case SUCCESS_RESPONSE -> onSuccess(m, from, now);
            case ERROR_RESPONSE -> onError(m, from, now);
            case INDICATION -> { } // keepalive: nothing to do
        }
    }

    void tick(long now) {
        if (done || !started) {
            return;
        }
        if (selected == null) {
            if (now - deadline >= 0) {
                fail("ICE did not connect within " + timeoutNanos / 1_000_000 + " ms (" + checks.size()
                        + " candidate(s) checked)");
                return;
            }
            for (Check check : checks) {
                if (controlling && check.succeeded && now - check.succeededAt >= PEER_CHECK_GRACE_NANOS) {
                    select(check, now);
                    return;
                }
                if (now - check.nextAt >= 0 && !(check.succeeded && controlling)) {
                    send(check, true);
                    check.nextAt = now + check.interval;
                    check.interval = Math.min(check.interval * 2, MAX_INTERVAL_NANOS);
                }
            }
            return;
        }
        if (now - lastConsentAt > CONSENT_TIMEOUT_NANOS) {
            fail("consent expired: no answer to our checks for " + CONSENT_TIMEOUT_NANOS / 1_000_000_000L + " s");
            return;
        }
        if (now - nextConsentAt >= 0) {
            send(selected, false);
            nextConsentAt = now + CONSENT_INTERVAL_NANOS;
        }
    }

    void stop() {
        done = true;
    }

    private void onRequest(StunMessage m, InetSocketAddress from, long now) {
        // RFC 8445 §7.3: USERNAME is "ourUfrag:theirUfrag", MESSAGE-INTEGRITY keyed with our password
        if (!m.usernameStartsWith(localUfrag) || !localKey.verify(m)) {
            return; // not for us, or forged: silence is the cheapest answer
        }
        if (m.unknownComprehensionRequired() >= 0) {
            respondError(m, from, ErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute");
            return;
        }
        if (controlling && m.hasIceControlling()) {
            if (Long.compareUnsigned(tiebreaker, m.iceControlling()) >= 0) {
                respondError(m, from, ErrorCode.ROLE_CONFLICT, "Role Conflict");
                return;
            }
            controlling = false;
        } else if (!controlling && m.hasIceControlled()) {
            if (Long.compareUnsigned(tiebreaker, m.iceControlled()) >= 0) {
                controlling = true;
            } else {
                respondError(m, from, ErrorCode.ROLE_CONFLICT, "Role Conflict");
                return;
            }
        }
        writer.reset(StunMessageType.BINDING_SUCCESS_RESPONSE, m.buffer(), m.transactionIdOffset())
                .xorMappedAddress(from).messageIntegrity(localKey).fingerprint();
        write(from);
        if (selected != null) {
            return;
        }
        Check check = find(from);
        if (check == null) {
            addCandidate(from, now); // peer-reflexive (RFC 8445 §7.3.1.3); a triggered check goes out next tick
            check = find(from);
            if (check == null) {
                return;
            }
        } else if (!check.succeeded) {
            check.nextAt = now; // triggered check (§7.3.1.4)
        }
        check.peerChecked = true;
        if (!controlling && m.useCandidate()) {
            check.nominatedByPeer = true;
        }
        if (check.succeeded && (controlling || check.nominatedByPeer)) {
            select(check, now);
        }
    }

    private void onSuccess(StunMessage m, InetSocketAddress from, long now) {
        Check check = find(from);
        if (check == null || !check.sentTransaction(m) || !remoteKey.verify(m)) {
            return;
        }
        if (selected != null) {
            if (check == selected) {
                lastConsentAt = now;
            }
            return;
        }
        if (!check.succeeded) {
            check.succeeded = true;
            check.succeededAt = now;
        }
        if (controlling ? check.peerChecked : check.nominatedByPeer) {
            select(check, now);
        }
    }

    private void onError(StunMessage m, InetSocketAddress from, long now) {
        Check check = find(from);
        if (check == null || !check.sentTransaction(m) || !remoteKey.verify(m)) {
            return;
        }
        ErrorCode error;
        try {
            error = m.errorCode();
        } catch (StunException e) {
            return;
        }
        if (error != null && error.code() == ErrorCode.ROLE_CONFLICT && selected == null) {
            controlling = !controlling; // RFC 8445 §7.2.5.1: switch role and check again
            check.nextAt = now;
        }
    }

    private void select(Check check, long now) {
        selected = check;
        lastConsentAt = now;
        nextConsentAt = now + CONSENT_INTERVAL_NANOS;
        events.onSelected(check.address);
    }

    private void fail(String reason) {
        done = true;
        events.onFailed(reason);
    }

    private Check find(InetSocketAddress address) {
        for (Check check : checks) {
            if (check.address.equals(address)) {
                return check;
            }
        }
        return null;
    }

    private void send(Check check, boolean nominate) {
        ThreadLocalRandom.current().nextBytes(transactionId);
        int slot = (check.sent++ % REMEMBERED) * StunMessage.TRANSACTION_ID_LENGTH;
        System.arraycopy(transactionId, 0, check.transactionIds, slot, transactionId.length);
        writer.reset(StunMessageType.BINDING_REQUEST, transactionId, 0).username(requestUsername)
                .priority(PRFLX_PRIORITY);
        if (controlling) {
            writer.iceControlling(tiebreaker);
            if (nominate) {
                writer.useCandidate();
            }
        } else {
            writer.iceControlled(tiebreaker);
        }
        writer.messageIntegrity(remoteKey).fingerprint();
        write(check.address);
    }

    private void respondError(StunMessage m, InetSocketAddress from, int code, String reason) {
        writer.reset(StunMessageType.BINDING_ERROR_RESPONSE, m.buffer(), m.transactionIdOffset())
                .errorCode(new ErrorCode(code, reason)).messageIntegrity(localKey).fingerprint();
        write(from);
    }

    private void write(InetSocketAddress to) {
        int n = writer.writeTo(out, 0);
        outBuffer.clear().limit(n);
        try {
            channel.send(outBuffer, to);
        } catch (IOException e) {
            // a full socket buffer or an ICMP error: the check is retried, the peer retries its own
        }
    }
}
