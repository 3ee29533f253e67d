package io.updraft.scheduler.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.scheduler.Confirmation;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.Stage;
import io.updraft.update.CheckResult;
import io.updraft.update.Offer;
import io.updraft.update.StateException;
import io.updraft.update.UpdateState;
import io.updraft.update.UpdateStatus;
import io.updraft.update.Version;

/**
 * Turns check results into schedules, and at start lines the kept schedule up with the device state, which is
 * the truth about how far an update got.
 */
final class Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    /** Stages a newer check may replace: nothing fetched yet, or over. */
    private static final Set<Stage> REPLACEABLE = EnumSet.of(Stage.WAITING_TO_DOWNLOAD, Stage.AWAITING_CONFIRMATION,
            Stage.INSTALLED, Stage.DENIED, Stage.FAILED);
    private static final Set<UpdateState> HOLDING = EnumSet.of(UpdateState.DOWNLOADING, UpdateState.PAUSED,
            UpdateState.VERIFYING, UpdateState.READY);
    /** States the installer moves through and out of; the scheduler neither moves them nor starts anything. */
    static final Set<UpdateState> INSTALLING = EnumSet.of(UpdateState.INSTALLING, UpdateState.AWAITING_COMMIT,
            UpdateState.ROLLING_BACK);

    private final Scheduler sch;
    private final Denial denial;
    private final Runnable steps;
    private final Handoff handoff;

    Intake(Scheduler sch, Denial denial, Runnable steps, Handoff handoff) {
        this.sch = sch;
        this.denial = denial;
        this.steps = steps;
        this.handoff = handoff;
    }

    /** Takes the releases a check found. Runs on the work thread. */
    void checked(CheckResult r) {
        if (r.failed()) {
            return;
        }
        Schedule replaced = null;
        synchronized (sch.lock) {
            try {
                replaced = take(r);
            } catch (StateException | IOException | RuntimeException e) {
                LOG.error("Could not schedule the updates of the check of {} at {}", r.source(), r.checkedAt(), e);
            }
        }
        if (replaced != null) {
            denial.discard(replaced);
        }
    }

    /** @return a schedule that was replaced and whose downloads are to be deleted, else null */
    private Schedule take(CheckResult r) throws StateException, IOException {
        Schedule ended = endUnreported();
        Schedule replaced = takeOffers(r);
        return replaced != null ? replaced : ended;
    }

    /**
     * Ends a due install the installer has finished but not reported yet (its report follows once it has cleaned up,
     * or never if it could not): the device has left READY and the installer's states. The outcome comes from the
     * installed versions, so a check in between cannot schedule a rolled-back release again.
     *
     * @return the ended schedule, whose downloads are to be deleted, else null
     */
    private Schedule endUnreported() throws IOException {
        Schedule s = sch.last();
        UpdateStatus status = sch.state.status();
        if (s == null || s.stage() != Stage.INSTALL_DUE || INSTALLING.contains(status.state())
                || HOLDING.contains(status.state()) && status.updateId().equals(s.updateId())) {
            return null;
        }
        boolean installed = s.offers().stream().allMatch(o -> sch.state.installed(o.release().component())
                .map(c -> c.version().equals(o.release().version())).orElse(false));
        String why = "the install ended without a report from the installer; the device state is " + status.state()
                + (status.reason().isEmpty() ? "" : ": " + status.reason());
        LOG.warn("Update {}: {}; ending its schedule as {}", s.updateId(), why, installed ? "installed" : "failed");
        handoff.end(s, installed, why);
        return s;
    }

    private Schedule takeOffers(CheckResult r) throws StateException, IOException {
        Map<String, Version> denied = sch.saved().denied();
        List<Offer> offers = r.updates().stream().filter(o -> {
            Version d = denied.get(o.release().component());
            return d == null || o.release().version().compareTo(d) > 0;
        }).toList();
        Schedule s = sch.last();
        UpdateStatus status = sch.state.status();
        if (INSTALLING.contains(status.state()) || foreign(status)) {
            // The schedule of the update being installed must stay until the installer reports its end.
            LOG.info("Check of {} at {} does not change the schedule: update {} holds the device ({})", r.source(),
                    r.checkedAt(), status.updateId(), status.state());
            return null;
        }
        // Checks do not run while the device is busy; this guards against one that raced with the download start.
        if (s != null && HOLDING.contains(status.state()) && status.updateId().equals(s.updateId())) {
            LOG.info("Check of {} at {} does not change update {}, which is {}", r.source(), r.checkedAt(),
                    s.updateId(), s.stage());
            return null;
        }
        if (offers.isEmpty()) {
            if (!r.updates().isEmpty() && status.state() == UpdateState.UPDATE_AVAILABLE) {
                sch.move(UpdateState.IDLE, "", "every release offered by " + r.source() + " was declined before");
            }
            if (s != null && !Scheduler.ENDED.contains(s.stage())) {
                sch.journal(s.updateId(), "superseded", Map.of("by", "check of " + r.checkedAt() + ": nothing to update"));
                sch.save(new Saved(null, denied));
                return s;
            }
            return null;
        }
        String id = UpdateIds.of(offers);
        if (s != null && s.updateId().equals(id) && !Scheduler.ENDED.contains(s.stage())) {
            return null;
        }
        Instant now = sch.clock.instant();
        Schedule fresh = new Schedule(id, offers, Stage.WAITING_TO_DOWNLOAD, sch.settings().defaults().download(),
                sch.settings().defaults().install(), null, null, Confirmation.NOT_NEEDED, List.of(), null, "", now);
        Policy policy = sch.policy(fresh);
        Draft d = new Draft(fresh);
        d.download = policy.download();
        d.install = policy.install();
        d.downloadNotBefore = policy.download() == io.updraft.scheduler.When.NOW ? now : null;
        if (s != null && !Scheduler.ENDED.contains(s.stage())) {
            sch.journal(s.updateId(), "superseded", Map.of("by", id));
        }
        Schedule saved = sch.save(d.build(now));
        sch.journal(id, "scheduled", Map.of("releases", Steps.describe(saved), "download", d.download.name(),
                "install", d.install.name(), "product", sch.product.get()));
        LOG.info("Update {} scheduled: {}; download {}, install {}", id, Steps.describe(saved), d.download, d.install);
        sch.kick(steps);
        return s != null && !s.updateId().equals(id) ? s : null;
    }

    /**
     * Lines the kept schedule up with the device state, then resumes. Runs on the work thread.
     *
     * @param starting whether the scheduler just started: only then is a due install announced again, for a
     *        consumer that missed the first announcement; a reconfiguration must not make it due twice
     */
    void resume(Optional<CheckResult> lastCheck, boolean starting) {
        Schedule aside = null;
        synchronized (sch.lock) {
            try {
                aside = reconcile(lastCheck, starting);
            } catch (StateException | IOException | RuntimeException e) {
                LOG.error("Could not resume the update schedule", e);
            }
            sch.kick(steps);
        }
        if (aside != null) {
            denial.discard(aside);
        }
    }

    private Schedule reconcile(Optional<CheckResult> lastCheck, boolean starting)
            throws StateException, IOException {
        UpdateStatus status = sch.state.status();
        Schedule s = sch.last();
        Instant now = sch.clock.instant();
        if (INSTALLING.contains(status.state()) || foreign(status)) {
            // The installer's recovery finishes or undoes it and then reports the end through installFinished.
            LOG.info("Update {} holds the device ({}); the schedule{} waits for the installer", status.updateId(),
                    status.state(), s == null ? "" : " of update " + s.updateId() + " (" + s.stage() + ")");
            return null;
        }
        if (s != null && s.stage() == Stage.INSTALL_DUE && s.updateId().equals(status.updateId())
                && (status.state() == UpdateState.IDLE || status.state() == UpdateState.FAILED)) {
            return endedWhileAway(s, status);
        }
        if (HOLDING.contains(status.state()) && s != null && s.updateId().equals(status.updateId())
                && (s.stage() == Stage.INSTALLED || s.stage() == Stage.FAILED)) {
            // The installer reported the end but left the device state: moving it is the installer's, and reviving
            // the schedule would install the same releases again.
            LOG.warn("Update {} ended in stage {} but the device state is still {}; the schedule stays ended",
                    s.updateId(), s.stage(), status.state());
            return s;
        }
        if (HOLDING.contains(status.state()) && s != null && s.stage() == Stage.DENIED
                && s.updateId().equals(status.updateId())) {
            // Declined, and stopped before the device state followed: finish the denial, never resume the update.
            LOG.warn("Update {} was declined but the device state is still {}; releasing the device", s.updateId(),
                    status.state());
            denial.releaseDevice(s.updateId(), "update " + s.updateId() + " was declined before the restart");
            return s;
        }
        if (HOLDING.contains(status.state())) {
            if (s == null || !s.updateId().equals(status.updateId())) {
                s = rebuild(lastCheck, status);
                if (s == null) {
                    return null;
                }
            }
            Stage stage = stageFor(status.state(), s.stage());
            if (stage != s.stage()) {
                LOG.info("Update {}: device state {} puts the schedule in stage {} (was {})", s.updateId(),
                        status.state(), stage, s.stage());
                s = sch.save(new Draft(s).stage(stage).build(now));
            }
            if (stage == Stage.INSTALL_DUE && starting) {
                // A consumer started after the first announcement still learns of it.
                sch.events.installDue(s);
            }
            LOG.info("Update {} resumes in stage {}", s.updateId(), s.stage());
            return null;
        }
        if (status.state() == UpdateState.UPDATE_AVAILABLE) {
            if (s != null && !REPLACEABLE.contains(s.stage())) {
                // Kept ahead of the device state, which is what counts: nothing was fetched for it yet.
                s = sch.save(new Draft(s).stage(Stage.WAITING_TO_DOWNLOAD).build(now));
            }
            lastCheck.ifPresent(this::checkedLocked);
            return null;
        }
        if (s != null && !REPLACEABLE.contains(s.stage()) && s.stage() != Stage.INSTALL_DUE) {
            String problem = "the device state is " + status.state() + (status.reason().isEmpty() ? ""
                    : ": " + status.reason());
            Draft d = new Draft(s).stage(Stage.FAILED).unblocked();
            d.problem = problem;
            sch.save(d.build(now));
            LOG.warn("Update {} ended while the scheduler was stopped: {}", s.updateId(), problem);
            return s;
        }
        if (s != null && (s.stage() == Stage.WAITING_TO_DOWNLOAD || s.stage() == Stage.AWAITING_CONFIRMATION)) {
            // The releases are no longer offered: the device state left UPDATE_AVAILABLE without them.
            sch.save(new Saved(null, sch.saved().denied()));
            return s;
        }
        // Downloads an ended update left behind (a stop before they were deleted) are deleted again; no-op otherwise.
        return s != null && Scheduler.ENDED.contains(s.stage()) ? s : null;
    }

    /** Whether an update the scheduler did not start (an offline install) holds the device. */
    private static boolean foreign(UpdateStatus status) {
        return HOLDING.contains(status.state()) && !UpdateIds.isScheduled(status.updateId());
    }

    /**
     * The installer moved the device state out of its install while the scheduler was stopped, or stopped itself
     * before it reported the end: the outcome is read from the device state, the truth. Installed means IDLE with
     * every release recorded as installed; anything else was not installed.
     */
    private Schedule endedWhileAway(Schedule s, UpdateStatus status) throws IOException {
        boolean installed = status.state() == UpdateState.IDLE && s.offers().stream().allMatch(o -> sch.state
                .installed(o.release().component()).map(c -> c.version().equals(o.release().version())).orElse(false));
        String why = status.reason().isEmpty() ? "the device state is " + status.state() : status.reason();
        LOG.warn("Update {}: its install ended while the scheduler did not hear of it; device state {}: {}",
                s.updateId(), status.state(), installed ? "installed" : why);
        handoff.end(s, installed, why);
        return s;
    }

    private void checkedLocked(CheckResult r) {
        try {
            Schedule replaced = take(r);
            if (replaced != null) {
                sch.kick(() -> denial.discard(replaced));
            }
        } catch (StateException | IOException e) {
            LOG.error("Could not schedule the updates of the last check", e);
        }
    }

    /** A schedule lost (e.g. a corrupt file) rebuilt from the check that started its update, else FAILED. */
    private Schedule rebuild(Optional<CheckResult> lastCheck, UpdateStatus status) throws StateException, IOException {
        Instant now = sch.clock.instant();
        if (lastCheck.isPresent() && !lastCheck.get().updates().isEmpty()
                && UpdateIds.of(lastCheck.get().updates()).equals(status.updateId())) {
            Schedule fresh = new Schedule(status.updateId(), lastCheck.get().updates(), Stage.DOWNLOADING,
                    sch.settings().defaults().download(), sch.settings().defaults().install(), now, null,
                    Confirmation.NOT_NEEDED, List.of(), null, "", now);
            Policy policy = sch.policy(fresh);
            Draft d = new Draft(fresh);
            d.install = policy.install();
            d.download = policy.download();
            LOG.warn("Update {}: schedule rebuilt from the last check; decisions taken before are lost", status.updateId());
            sch.journal(status.updateId(), "schedule-rebuilt", Map.of("from", "last check " + lastCheck.get().checkedAt()));
            return sch.save(d.build(now));
        }
        String reason = "the schedule of update " + status.updateId() + " was lost; it cannot go on";
        if (status.state().canMoveTo(UpdateState.FAILED)) {
            sch.move(UpdateState.FAILED, status.updateId(), reason);
        }
        LOG.error("Update {} in state {}: {}", status.updateId(), status.state(), reason);
        return null;
    }

    private static Stage stageFor(UpdateState device, Stage kept) {
        switch (device) {
            case DOWNLOADING:
                return Stage.DOWNLOADING;
            case PAUSED:
                return Stage.PAUSED;
            case VERIFYING:
                return Stage.VERIFYING;
            default:
                return kept == Stage.WAITING_TO_INSTALL || kept == Stage.AWAITING_CONFIRMATION
                        || kept == Stage.INSTALL_DUE ? kept : Stage.WAITING_TO_INSTALL;
        }
    }
}
