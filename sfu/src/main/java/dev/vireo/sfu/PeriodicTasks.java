package dev.vireo.sfu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Many periodic tasks (every subscriber's layer allocation every 250 ms, every publisher's RTCP reports every second)
 * run from one timer tick instead of one timer task each.
 *
 * <p>With a timer task each, the timer thread woke for every run: 200 viewers made 800 wake-ups a second, and on a
 * virtual machine a wake-up of an idle CPU costs tens of microseconds, more than the allocation it runs. Here the
 * timer wakes every {@link #TICK_MS} and runs whatever is due, so each task runs within one tick of its time; tasks
 * keep the phase they were added with, so a room's subscribers do not all run in the same tick. The tick only runs
 * while there are tasks.
 */
final class PeriodicTasks {
    /**
     * The timer's granularity: how late a task may run. Each tick is a wake-up of an idle CPU on a quiet server
     * (100-400 us on the benchmark's virtual machine, docs/benchmarks.md part 5: more than forwarding a packet to
     * ten viewers), so it is as coarse as the tasks allow: a 250 ms layer allocation, 200 ms speaker ticks and 1 s
     * RTCP reports can each be 50 ms late. At 20 ms the tick alone was a quarter of a 10-viewer broadcast's wake-ups.
     */
    static final long TICK_MS = 50;

    private static final System.Logger LOG = System.getLogger(PeriodicTasks.class.getName());

    /** A task's handle. */
    static final class Task {
        private final Runnable action;
        private final long periodNanos;
        /** Guarded by the owning PeriodicTasks. */
        private long dueNanos;
        private volatile boolean cancelled;
        private final PeriodicTasks owner;

        private Task(PeriodicTasks owner, Runnable action, long periodNanos, long dueNanos) {
            this.owner = owner;
            this.action = action;
            this.periodNanos = periodNanos;
            this.dueNanos = dueNanos;
        }

        /** The task does not run again (a run already under way finishes). */
        void cancel() {
            cancelled = true;
            owner.remove(this);
        }
    }

    private final ScheduledExecutorService timer;
    private final List<Task> tasks = new ArrayList<>();
    private final List<Task> due = new ArrayList<>(); // tick only
    private ScheduledFuture<?> tick; // guarded by this

    PeriodicTasks(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Runs {@code action} every {@code periodMillis}, the first time one period from now. */
    Task every(long periodMillis, Runnable action) {
        long period = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        Task task = new Task(this, action, period, System.nanoTime() + period);
        synchronized (this) {
            tasks.add(task);
            if (tick == null) {
                tick = timer.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
            }
        }
        return task;
    }

    private synchronized void remove(Task task) {
        tasks.remove(task);
        if (tasks.isEmpty() && tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }

    private void tick() {
        long now = System.nanoTime();
        synchronized (this) {
            for (Task task : tasks) {
                if (now - task.dueNanos >= 0) {
                    due.add(task);
                    // Runs that were missed (a stalled timer) are skipped, not caught up in a burst.
                    task.dueNanos = Math.max(task.dueNanos + task.periodNanos, now + task.periodNanos / 2);
                }
            }
        }
        for (int i = 0; i < due.size(); i++) {
            Task task = due.get(i);
            if (!task.cancelled) {
                try {
                    task.action.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "periodic task failed", e);
                }
            }
        }
        due.clear();
    }
}
