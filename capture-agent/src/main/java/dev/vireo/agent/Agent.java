package dev.vireo.agent;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

import dev.vireo.agent.signal.PermanentRefusal;
import dev.vireo.agent.signal.PublishSession;

/**
 * The unattended loop: publish, and when the session ends for any reason but a permanent refusal, wait a backoff
 * (250 ms doubling to a 1 s cap) and publish again. A session that published for {@value #STABLE_SECONDS} s resets
 * the backoff, so a server restart after a week of uptime is retried at once.
 */
final class Agent {
    static final long STABLE_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(Agent.class.getName());

    private final PublishSession session;
    private final StatusBoard board;
    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(1),
            () -> ThreadLocalRandom.current().nextDouble());
    private volatile boolean stopping;

    Agent(PublishSession session, StatusBoard board) {
        this.session = session;
        this.board = board;
    }

    /** Runs until {@link #stop()}; throws only for a permanent refusal. */
    void run() throws PermanentRefusal, InterruptedException {
        while (!stopping) {
            String ended;
            try {
                ended = session.publish();
            } catch (PermanentRefusal e) {
                throw e;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                ended = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            if (stopping) {
                break;
            }
            if (board.state() == StatusBoard.State.PUBLISHING
                    && System.currentTimeMillis() - board.stateSinceMillis() > STABLE_SECONDS * 1000) {
                backoff.reset();
            }
            board.lastError(ended);
            board.state(StatusBoard.State.RECONNECTING);
            Duration wait = backoff.next();
            LOG.warning("session ended: " + ended + "; trying again in " + wait.toMillis() + " ms");
            Thread.sleep(wait.toMillis());
        }
        board.state(StatusBoard.State.STOPPED);
    }

    void stop() {
        stopping = true;
        session.stop();
    }
}
