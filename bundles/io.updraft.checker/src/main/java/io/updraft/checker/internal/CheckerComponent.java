package io.updraft.checker.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.product.DeviceInfo;
import io.updraft.update.CheckResult;
import io.updraft.update.DeviceBusyException;
import io.updraft.update.DeviceStateService;
import io.updraft.update.SourceException;
import io.updraft.update.StateException;
import io.updraft.update.UpdateChecker;
import io.updraft.update.UpdateSource;

/**
 * Checks the configured update source periodically and on demand. All checks run on one thread, so they never
 * overlap; an on-demand request while a check runs or waits joins that check. After every check the next
 * periodic one is scheduled anew: an interval later, or sooner with growing delays after a temporary failure.
 */
@Component(name = CheckerComponent.PID, service = UpdateChecker.class, immediate = true,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CheckerConfig.class)
public final class CheckerComponent implements UpdateChecker {
    static final String PID = "io.updraft.checker";
    private static final Logger LOG = LoggerFactory.getLogger(CheckerComponent.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    private static final String SCHEDULED = "scheduled";

    private final DeviceStateService state;
    private final Sources sources = new Sources();
    private final AtomicReference<EventAdmin> eventAdmin = new AtomicReference<>();
    private final CheckThread thread;
    private final Checker checker;
    private final Delays delays;
    private volatile Settings settings;

    private final Object lock = new Object();
    // Guarded by lock.
    private CompletableFuture<CheckResult> running;
    private Future<?> next;
    private int failuresInARow;
    private boolean stopped;

    @Activate
    public CheckerComponent(CheckerConfig config, @Reference DeviceStateService state, @Reference DeviceInfo device) {
        this(Settings.of(config), state, device, new ExecutorCheckThread(), Clock.systemUTC(), new Random()::nextDouble);
    }

    CheckerComponent(Settings settings, DeviceStateService state, DeviceInfo device, CheckThread thread, Clock clock,
            DoubleSupplier random) {
        this.settings = settings;
        this.state = state;
        this.thread = thread;
        this.delays = new Delays(random);
        this.checker = new Checker(state, device, sources, new Events(eventAdmin::get), clock);
        // No check runs yet: a CHECKING left by a power cut would make the device look busy until the next one.
        try {
            checker.finishInterruptedCheck();
        } catch (StateException e) {
            LOG.error("Could not leave the update state of a check cut off by a restart", e);
        }
        if (settings.enabled()) {
            scheduleNext(delays.first(settings));
        }
        LOG.info("Update checker started: {}", describe(settings));
    }

    @Modified
    void modified(CheckerConfig config) {
        Settings updated = Settings.of(config);
        Settings before = settings;
        settings = updated;
        if (updated.scheduleDiffers(before)) {
            synchronized (lock) {
                failuresInARow = 0;
                if (updated.enabled()) {
                    scheduleNext(delays.regular(updated));
                } else {
                    cancelNext();
                }
            }
        }
        LOG.info("Update checker reconfigured: {}", describe(updated));
    }

    @Deactivate
    public void deactivate() {
        CompletableFuture<CheckResult> pending;
        synchronized (lock) {
            stopped = true;
            cancelNext();
            pending = running;
        }
        thread.shutdown(SHUTDOWN_GRACE);
        if (pending != null) {
            // A check dropped by the shutdown must not leave its callers waiting.
            pending.completeExceptionally(new StateException("the update checker stopped before the check ran"));
        }
        LOG.info("Update checker stopped");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void bindUpdateSource(UpdateSource source, Map<String, Object> properties) {
        sources.add(source, properties);
    }

    public void unbindUpdateSource(UpdateSource source, Map<String, Object> properties) {
        sources.remove(source, properties);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindEventAdmin(EventAdmin admin) {
        eventAdmin.set(admin);
    }

    void unbindEventAdmin(EventAdmin admin) {
        eventAdmin.compareAndSet(admin, null);
    }

    @Override
    public CheckResult check() throws SourceException, StateException {
        try {
            return start("on-demand").get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateException("interrupted while waiting for the update check", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SourceException) {
                throw (SourceException) cause;
            }
            if (cause instanceof StateException) {
                throw (StateException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException("update check failed: " + cause, cause);
        }
    }

    @Override
    public Optional<CheckResult> lastCheck() {
        return state.lastCheck();
    }

    /** The check running or waiting to run, or a new one. */
    private CompletableFuture<CheckResult> start(String trigger) {
        CompletableFuture<CheckResult> check;
        synchronized (lock) {
            if (stopped) {
                return CompletableFuture.failedFuture(new StateException("the update checker is stopped"));
            }
            if (running != null && !running.isDone()) {
                return running;
            }
            check = new CompletableFuture<>();
            running = check;
        }
        try {
            thread.execute(() -> run(check, trigger));
        } catch (RejectedExecutionException e) {
            check.completeExceptionally(new StateException("the update checker is stopped", e));
        }
        return check;
    }

    private void run(CompletableFuture<CheckResult> check, String trigger) {
        try {
            CheckResult result = checker.run(settings, trigger);
            afterCheck(false);
            check.complete(result);
        } catch (SourceException e) {
            afterCheck(e.retryable());
            check.completeExceptionally(e);
        } catch (DeviceBusyException e) {
            LOG.info("Skipped {} update check: {}", trigger, e.getMessage());
            afterCheck(false);
            check.completeExceptionally(e);
        } catch (StateException | RuntimeException e) {
            // An on-demand caller gets the exception and reports it; a scheduled check has nobody else to tell.
            if (SCHEDULED.equals(trigger)) {
                LOG.error("The scheduled update check failed", e);
            } else {
                LOG.debug("The {} update check failed", trigger, e);
            }
            afterCheck(false);
            check.completeExceptionally(e);
        }
    }

    /** Schedules the next periodic check, by the settings of now: they may have changed during the check. */
    private void afterCheck(boolean retry) {
        synchronized (lock) {
            Settings now = settings;
            failuresInARow = retry ? failuresInARow + 1 : 0;
            if (now.enabled()) {
                scheduleNext(retry ? delays.retry(now, failuresInARow) : delays.regular(now));
            }
        }
    }

    private void scheduleNext(Duration delay) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            cancelNext();
            next = thread.schedule(() -> start(SCHEDULED), delay);
            LOG.debug("Next update check in {}", delay);
        }
    }

    private void cancelNext() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    private static String describe(Settings s) {
        return "source '" + s.source() + "', " + (s.enabled() ? "every " + s.interval() + " (jitter " + s.jitter()
                + ", first after " + s.initialDelay() + ", retry after " + s.retryDelay() + ")" : "periodic checks off")
                + (s.offerNewComponents() ? ", new components offered" : "");
    }
}
