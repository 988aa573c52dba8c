package dev.vireo.signaling;

import dev.vireo.sfu.NegotiationException;
import dev.vireo.sfu.ParticipantListener;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The real media plane with one fault injected on demand: a {@link RuntimeException} (or a linkage {@link Error})
 * from inside it, as a bug would throw. The real SFU refuses bad input only with {@link NegotiationException}, so there is no input that makes it
 * fail this way; yet signaling must answer such a failure with an {@code internal} error and keep the connection.
 * Everything not armed to fail goes to the real media plane.
 */
public final class FailingMediaPlane extends ForwardingMediaPlane {
    private final AtomicBoolean failNextJoin = new AtomicBoolean();
    private final AtomicBoolean failNextPublish = new AtomicBoolean();
    private final AtomicBoolean breakNextPublish = new AtomicBoolean();

    public FailingMediaPlane(MediaPlane real) {
        super(real);
    }

    /** The next {@link #addParticipant} throws {@code IllegalStateException("simulated media failure")}. */
    public void failNextJoin() {
        failNextJoin.set(true);
    }

    /** The next publish offer, of any participant, throws {@code IllegalStateException("simulated bug")}. */
    public void failNextPublish() {
        failNextPublish.set(true);
    }

    /**
     * The next publish offer throws {@code NoClassDefFoundError}, the kind of {@link Error} a broken deployment
     * (a jar replaced under a running server) raises.
     */
    public void breakNextPublish() {
        breakNextPublish.set(true);
    }

    @Override
    public MediaSession addParticipant(String roomId, String participantId, ParticipantListener listener) {
        if (failNextJoin.getAndSet(false)) {
            throw new IllegalStateException("simulated media failure");
        }
        MediaSession session = super.addParticipant(roomId, participantId, listener);
        return new ForwardingMediaSession(session) {
            @Override
            public String handlePublishOffer(String offerSdp) throws NegotiationException {
                if (failNextPublish.getAndSet(false)) {
                    throw new IllegalStateException("simulated bug");
                }
                if (breakNextPublish.getAndSet(false)) {
                    throw new NoClassDefFoundError("dev/vireo/simulated/MissingClass");
                }
                return super.handlePublishOffer(offerSdp);
            }
        };
    }
}
