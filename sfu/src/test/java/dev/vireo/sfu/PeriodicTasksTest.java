package dev.vireo.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeriodicTasksTest {
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    {
        timer.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void tasksRunAtTheirOwnPeriodsFromOneTimerTask() throws Exception {
        PeriodicTasks periodic = new PeriodicTasks(timer);
        AtomicInteger fast = new AtomicInteger();
        AtomicInteger slow = new AtomicInteger();
        CountDownLatch tenFast = new CountDownLatch(10);
        periodic.every(40, () -> {
            fast.incrementAndGet();
            tenFast.countDown();
        });
        periodic.every(200, slow::incrementAndGet);
        assertEquals(1, timer.getQueue().size(), "one timer task for both");
        assertTrue(tenFast.await(10, TimeUnit.SECONDS));
        // Ten 40 ms periods took at least 400 ms: the slow task ran at most twice in that time, and missed runs are
        // skipped rather than caught up, so it never runs more often than its period.
        int slowRuns = slow.get();
        assertTrue(slowRuns <= 2 + 1, "200 ms task ran " + slowRuns + " times while the 40 ms one ran 10");
    }

    @Test
    void aCancelledTaskStopsAndTheTickStopsWithTheLastTask() throws Exception {
        PeriodicTasks periodic = new PeriodicTasks(timer);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        PeriodicTasks.Task task = periodic.every(20, () -> {
            runs.incrementAndGet();
            ran.countDown();
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        task.cancel();
        int after = runs.get();
        Thread.sleep(150);
        assertTrue(runs.get() <= after + 1, "at most a run already under way finishes");
        assertEquals(0, timer.getQueue().size(), "no timer task left while nothing is periodic");
        CountDownLatch next = new CountDownLatch(3);
        periodic.every(20, next::countDown);
        assertEquals(1, timer.getQueue().size(), "a new task starts the tick again");
        assertTrue(next.await(10, TimeUnit.SECONDS));
        assertTrue(runs.get() <= after + 1, "the cancelled task stayed out of the restarted tick");
    }

    @Test
    void aTaskThatThrowsKeepsRunningAndSoDoOthers() throws Exception {
        PeriodicTasks periodic = new PeriodicTasks(timer);
        CountDownLatch thrower = new CountDownLatch(3);
        CountDownLatch other = new CountDownLatch(3);
        periodic.every(20, () -> {
            thrower.countDown();
            throw new IllegalStateException("boom");
        });
        periodic.every(20, other::countDown);
        assertTrue(thrower.await(10, TimeUnit.SECONDS));
        assertTrue(other.await(10, TimeUnit.SECONDS));
    }
}
