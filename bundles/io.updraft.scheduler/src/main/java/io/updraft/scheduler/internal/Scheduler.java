package io.updraft.scheduler.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.scheduler.Confirmation;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.Stage;
import io.updraft.update.DeviceStateService;
import io.updraft.update.StateException;
import io.updraft.update.UpdateState;
import io.updraft.update.UpdateStatus;

/**
 * The schedule of the current update and the steps that move it. Every decision is taken under {@link #lock}, kept
 * in {@code schedule.json} and announced; the long steps (download, verification) run on the work thread outside
 * the lock, in {@link Fetcher}, and check afterwards that nobody changed the schedule meanwhile.
 */
final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    /** The longest sleep: waking regularly notices a wall clock set after boot (NTP) before a window is missed. */
    static final Duration MAX_SLEEP = Duration.ofMinutes(5);
    static final Set<Stage> ENDED = EnumSet.of(Stage.INSTALLED, Stage.DENIED, Stage.FAILED);

    final Object lock = new Object();
    final DeviceStateService state;
    final Events events;
    final Clock clock;
    final Supplier<String> product;
    private final ScheduleStore store;
    private final WorkThread work;
    private volatile Settings settings;

    // Guarded by lock.
    private Saved saved = Saved.EMPTY;
    private Future<?> wake;
    private boolean stopped;

    Scheduler(Settings settings, DeviceStateService state, ScheduleStore store, WorkThread work, Events events,
            Clock clock, Supplier<String> product) {
        this.settings = settings;
        this.state = state;
        this.store = store;
        this.work = work;
        this.events = events;
        this.clock = clock;
        this.product = product;
    }

    Settings settings() {
        return settings;
    }

    void settings(Settings updated) {
        settings = updated;
    }

    Saved saved() {
        synchronized (lock) {
            return saved;
        }
    }

    void load() throws IOException {
        Saved s = store.load();
        synchronized (lock) {
            saved = s;
        }
    }

    /** The schedule, also one that ended; null when there is none. */
    Schedule last() {
        synchronized (lock) {
            return saved.schedule();
        }
    }

    Optional<Schedule> current() {
        Schedule s = last();
        return s == null || ENDED.contains(s.stage()) ? Optional.empty() : Optional.of(s);
    }

    /** The combined policy of a schedule's releases under the settings of now. */
    Policy policy(Schedule s) {
        Settings now = settings;
        String p = product.get();
        return Policy.combine(s.offers().stream().map(o -> now.policy(p, o.release().component())).toList());
    }

    /** Keeps, then announces, a changed schedule. Call under the lock. */
    Schedule save(Schedule s) throws IOException {
        return save(new Saved(s, saved.denied()));
    }

    Schedule save(Saved next) throws IOException {
        store.save(next);
        saved = next;
        if (next.schedule() != null) {
            events.schedule(next.schedule());
        }
        return next.schedule();
    }

    /** Moves the device state machine and announces it. */
    void move(UpdateState to, String updateId, String reason) throws StateException {
        events.state(state.transition(to, updateId, reason));
    }

    /** Records a step in the update's journal; a journal that cannot be written does not stop the update. */
    void journal(String updateId, String step, Map<String, String> details) {
        try {
            state.appendJournal(updateId, step, details);
        } catch (StateException e) {
            LOG.warn("Could not journal step {} of update {}", step, updateId, e);
        }
    }

    /** Whether the device state says the update has been fetched and verified. */
    boolean ready(Schedule s) {
        UpdateStatus st = state.status();
        return st.state() == UpdateState.READY && st.updateId().equals(s.updateId());
    }

    static boolean confirmed(Confirmation c) {
        return c.state() == Confirmation.State.CONFIRMED
                || (c.state() == Confirmation.State.TIMED_OUT && Policy.INSTALL.equals(c.defaultAction()));
    }

    /** Runs a step on the work thread soon. */
    void kick(Runnable step) {
        try {
            work.execute(step);
        } catch (RejectedExecutionException e) {
            LOG.debug("Scheduler stopped; step not run");
        }
    }

    /** Wakes the work thread at {@code at}, or sooner (see {@link #MAX_SLEEP}). Call under the lock. */
    void wakeAt(Instant at, Runnable step) {
        cancelWake();
        if (stopped) {
            return;
        }
        Duration delay = Duration.between(clock.instant(), at);
        if (delay.compareTo(MAX_SLEEP) > 0) {
            delay = MAX_SLEEP;
        }
        try {
            wake = work.schedule(step, delay.isNegative() ? Duration.ZERO : delay);
        } catch (RejectedExecutionException e) {
            LOG.debug("Scheduler stopped; no wake-up");
        }
    }

    void cancelWake() {
        if (wake != null) {
            wake.cancel(false);
            wake = null;
        }
    }

    boolean stopped() {
        return stopped;
    }

    void stop(Duration grace) {
        synchronized (lock) {
            stopped = true;
            cancelWake();
        }
        work.shutdown(grace);
    }

    /** The current schedule if it may still change, else the exception a user request gets. */
    Schedule pending(String action) throws SchedulerException {
        Schedule s = last();
        if (s == null || ENDED.contains(s.stage())) {
            throw new SchedulerException(SchedulerException.Code.NOTHING_PENDING, "cannot " + action
                    + ": no update is pending" + (s == null ? "" : " (update " + s.updateId() + " is " + s.stage() + ")"));
        }
        return s;
    }

    static SchedulerException storage(String updateId, Exception e) {
        return new SchedulerException(SchedulerException.Code.STORAGE, "update " + updateId
                + ": the decision could not be stored: " + e.getMessage(), e);
    }
}
