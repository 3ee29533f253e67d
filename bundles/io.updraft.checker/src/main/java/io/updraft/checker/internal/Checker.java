package io.updraft.checker.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.product.DeviceIdentity;
import io.updraft.product.DeviceInfo;
import io.updraft.update.CheckResult;
import io.updraft.update.DeviceBusyException;
import io.updraft.update.DeviceStateService;
import io.updraft.update.InstalledComponent;
import io.updraft.update.Offer;
import io.updraft.update.SourceException;
import io.updraft.update.StateException;
import io.updraft.update.StateTransition;
import io.updraft.update.UpdateSource;
import io.updraft.update.UpdateState;
import io.updraft.update.UpdateStatus;
import io.updraft.update.Version;

/**
 * One check: asks the source, selects what fits this device, keeps the result and moves the state machine
 * (IDLE, FAILED or UPDATE_AVAILABLE, then CHECKING, then UPDATE_AVAILABLE or IDLE; FAILED only when asking again
 * cannot help; after a temporary failure back where it was). Not thread-safe: runs on the check thread only.
 */
final class Checker {
    static final String SOURCE_ERROR = "source_error";
    private static final Logger LOG = LoggerFactory.getLogger(Checker.class);
    private static final int LISTED_IN_REASON = 5;

    private final DeviceStateService state;
    private final DeviceInfo device;
    private final Sources sources;
    private final Events events;
    private final Clock clock;

    Checker(DeviceStateService state, DeviceInfo device, Sources sources, Events events, Clock clock) {
        this.state = state;
        this.device = device;
        this.sources = sources;
        this.events = events;
        this.clock = clock;
    }

    CheckResult run(Settings settings, String trigger) throws SourceException, StateException {
        finishInterruptedCheck();
        UpdateStatus status = state.status();
        if (status.state().isBusy()) {
            throw new DeviceBusyException(status.state(), "not checking for updates: the device is busy in update state "
                    + status.state() + (status.updateId().isEmpty() ? "" : " (update " + status.updateId() + ")"));
        }
        UpdateSource source;
        try {
            source = sources.require(settings.source());
        } catch (SourceException e) {
            // Nothing was asked, so the state machine does not move; the failure is still kept and announced.
            fail(settings.source(), e, null);
            throw e;
        }
        UpdateState before = status.state();
        move(UpdateState.CHECKING, trigger + " check of source '" + settings.source() + "'");
        List<Offer> offers;
        try {
            offers = source.offers();
        } catch (SourceException e) {
            fail(settings.source(), e, before);
            throw e;
        } catch (RuntimeException e) {
            SourceException wrapped = new SourceException(SOURCE_ERROR, "update source '" + settings.source()
                    + "' failed: " + e, false, e);
            fail(settings.source(), wrapped, before);
            throw wrapped;
        }

        Map<String, Version> installed = new TreeMap<>();
        Selection.Outcome out;
        try {
            DeviceIdentity id = device.identity();
            for (InstalledComponent c : state.installedComponents()) {
                installed.put(c.name(), c.version());
            }
            out = new Selection(id.product(), id.hardwareRevision(), installed, settings.offerNewComponents())
                    .select(offers);
        } catch (RuntimeException e) {
            // Never leave the device in CHECKING: it would look busy until the next check.
            leave(before, "check of source '" + settings.source() + "' could not be evaluated: " + e, e);
            throw e;
        }
        CheckResult result = new CheckResult(settings.source(), clock.instant(), out.updates(), out.skipped(), "");
        try {
            state.recordCheck(result);
        } catch (StateException e) {
            leave(before, "check of source '" + settings.source() + "' could not be stored: " + e.getMessage(), e);
            throw e;
        }
        move(result.updates().isEmpty() ? UpdateState.IDLE : UpdateState.UPDATE_AVAILABLE, summary(result, installed));
        events.check(result, "");
        for (Offer o : result.updates()) {
            events.available(o, installed.get(o.release().component()));
        }
        LOG.info("Checked source '{}': {} of {} offered releases are updates", settings.source(),
                result.updates().size(), offers.size());
        return result;
    }

    /**
     * CHECKING is only ever entered and left by a check on this one thread, so meeting it here means a check was
     * cut off (power cut, restart) and would otherwise leave the device looking busy for good.
     */
    void finishInterruptedCheck() throws StateException {
        UpdateStatus status = state.status();
        if (status.state() != UpdateState.CHECKING) {
            return;
        }
        List<StateTransition> last = state.history(1);
        UpdateState back = !last.isEmpty() && last.get(0).to() == UpdateState.CHECKING ? last.get(0).from()
                : UpdateState.IDLE;
        LOG.warn("The update check begun at {} did not finish; returning to {}", status.since(), back);
        move(back, "the check begun at " + status.since() + " did not finish");
    }

    /** Keeps and announces a failed check and leaves CHECKING, when it was entered ({@code before} not null). */
    private void fail(String sourceName, SourceException e, UpdateState before) {
        CheckResult failed = new CheckResult(sourceName, clock.instant(), List.of(), List.of(),
                e.code() + ": " + e.getMessage());
        try {
            state.recordCheck(failed);
        } catch (StateException se) {
            LOG.warn("Could not store the failed check of source '{}'", sourceName, se);
            e.addSuppressed(se);
        }
        if (before != null) {
            UpdateState to = e.retryable() ? before : UpdateState.FAILED;
            leave(to, "check of source '" + sourceName + "' failed (" + e.code()
                    + (e.retryable() ? ", will retry" : "") + "): " + e.getMessage(), e);
        }
        events.check(failed, e.code());
        LOG.warn("Check of source '{}' failed ({}, {}): {}", sourceName, e.code(),
                e.retryable() ? "temporary" : "not temporary", e.getMessage());
    }

    /** Leaves CHECKING after a failure; a failure to do so is added to {@code cause} rather than hiding it. */
    private void leave(UpdateState to, String reason, Exception cause) {
        try {
            move(to, reason);
        } catch (StateException e) {
            LOG.error("Could not leave update state CHECKING for {}", to, e);
            cause.addSuppressed(e);
        }
    }

    private void move(UpdateState to, String reason) throws StateException {
        events.state(state.transition(to, "", reason));
    }

    private static String summary(CheckResult r, Map<String, Version> installed) {
        if (r.updates().isEmpty()) {
            return "source '" + r.source() + "': no updates" + (r.skipped().isEmpty() ? ""
                    : " (" + r.skipped().size() + " offered releases not applicable)");
        }
        String listed = r.updates().stream().limit(LISTED_IN_REASON).map(o -> {
            Version from = installed.get(o.release().component());
            return o.release().component() + " " + (from == null ? "new" : from.toString()) + " -> "
                    + o.release().version();
        }).collect(Collectors.joining(", "));
        int more = r.updates().size() - LISTED_IN_REASON;
        return "source '" + r.source() + "': " + r.updates().size() + (r.updates().size() == 1 ? " update: " : " updates: ")
                + listed + (more > 0 ? " and " + more + " more" : "");
    }
}
