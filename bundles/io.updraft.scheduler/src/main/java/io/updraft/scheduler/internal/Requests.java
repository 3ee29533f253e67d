package io.updraft.scheduler.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.scheduler.Confirmation;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.Stage;
import io.updraft.scheduler.When;
import io.updraft.update.StateException;
import io.updraft.update.UpdateState;

/** What people ask of the current update (shell, REST): install now or in the window, decline, pause, resume. */
final class Requests {
    private static final Logger LOG = LoggerFactory.getLogger(Requests.class);
    /** Stages where an answer still changes something; from INSTALL_DUE on the installer has it. */
    private static final Set<Stage> OPEN = EnumSet.of(Stage.WAITING_TO_DOWNLOAD, Stage.AWAITING_CONFIRMATION,
            Stage.DOWNLOADING, Stage.PAUSED, Stage.VERIFYING, Stage.WAITING_TO_INSTALL);

    private final Scheduler sch;
    private final Denial denial;
    private final Runnable steps;

    Requests(Scheduler sch, Denial denial, Runnable steps) {
        this.sch = sch;
        this.denial = denial;
        this.steps = steps;
    }

    Schedule installNow(String by) throws SchedulerException {
        return confirm(by, true);
    }

    Schedule installInWindow(String by) throws SchedulerException {
        return confirm(by, false);
    }

    private Schedule confirm(String by, boolean now) throws SchedulerException {
        String action = now ? "install now" : "install in the window";
        synchronized (sch.lock) {
            Schedule s = open(action, by);
            Instant at = sch.clock.instant();
            Draft d = new Draft(s).unblocked();
            d.confirmation = new Confirmation(Confirmation.State.CONFIRMED, s.confirmation().deadline(),
                    s.confirmation().defaultAction(), by, at);
            d.install = now ? When.NOW : When.WINDOW;
            if (now) {
                d.download = When.NOW;
                d.installNotBefore = at;
                if (s.stage() == Stage.WAITING_TO_DOWNLOAD || s.stage() == Stage.AWAITING_CONFIRMATION) {
                    d.downloadNotBefore = at;
                }
            } else {
                d.installNotBefore = null;
                if (s.download() == When.CONFIRM) {
                    d.download = When.NOW;
                }
            }
            if (s.stage() == Stage.AWAITING_CONFIRMATION) {
                d.stage = sch.ready(s) ? Stage.WAITING_TO_INSTALL : Stage.WAITING_TO_DOWNLOAD;
            }
            try {
                if (now && s.stage() == Stage.PAUSED) {
                    sch.move(UpdateState.DOWNLOADING, s.updateId(), "resumed by " + by + " to install now");
                    d.stage = Stage.DOWNLOADING;
                }
                Schedule result = sch.save(d.build(at));
                sch.journal(s.updateId(), now ? "install-now" : "install-in-window", Map.of("by", by));
                LOG.info("Update {}: {} requested by {}", s.updateId(), action, by);
                sch.kick(steps);
                return result;
            } catch (StateException | IOException e) {
                throw Scheduler.storage(s.updateId(), e);
            }
        }
    }

    Schedule deny(String by) throws SchedulerException {
        Schedule s;
        Schedule result;
        synchronized (sch.lock) {
            s = open("decline", by);
            try {
                result = denial.deny(s, by, Confirmation.State.DENIED);
            } catch (StateException | IOException e) {
                throw Scheduler.storage(s.updateId(), e);
            }
        }
        // Outside the lock: a running download returns at once and the work thread then sees DENIED.
        denial.stopRunning(s);
        return result;
    }

    Schedule pause(String by) throws SchedulerException {
        Schedule s;
        Schedule result;
        synchronized (sch.lock) {
            s = sch.pending("pause");
            if (s.stage() == Stage.PAUSED) {
                return s;
            }
            if (s.stage() != Stage.DOWNLOADING) {
                throw wrongStage(s, "pause", "only a running download can be paused");
            }
            try {
                sch.move(UpdateState.PAUSED, s.updateId(), "paused by " + by);
                result = sch.save(new Draft(s).stage(Stage.PAUSED).unblocked().build(sch.clock.instant()));
            } catch (StateException | IOException e) {
                throw Scheduler.storage(s.updateId(), e);
            }
            sch.cancelWake();
            sch.journal(s.updateId(), "paused", Map.of("by", by));
            LOG.info("Update {}: download paused by {}", s.updateId(), by);
        }
        denial.stopRunning(s);
        return result;
    }

    Schedule resume(String by) throws SchedulerException {
        synchronized (sch.lock) {
            Schedule s = sch.pending("resume");
            if (s.stage() == Stage.DOWNLOADING) {
                return s;
            }
            if (s.stage() != Stage.PAUSED) {
                throw wrongStage(s, "resume", "only a paused download can be resumed");
            }
            try {
                sch.move(UpdateState.DOWNLOADING, s.updateId(), "resumed by " + by);
                Schedule result = sch.save(new Draft(s).stage(Stage.DOWNLOADING).unblocked().build(sch.clock.instant()));
                sch.journal(s.updateId(), "resumed", Map.of("by", by));
                LOG.info("Update {}: download resumed by {}", s.updateId(), by);
                sch.kick(steps);
                return result;
            } catch (StateException | IOException e) {
                throw Scheduler.storage(s.updateId(), e);
            }
        }
    }

    private Schedule open(String action, String by) throws SchedulerException {
        if (by == null || by.isBlank()) {
            throw new SchedulerException(SchedulerException.Code.INVALID, "cannot " + action + ": who asks is missing");
        }
        Schedule s = sch.pending(action);
        if (!OPEN.contains(s.stage())) {
            throw wrongStage(s, action, "its install is already due");
        }
        return s;
    }

    private static SchedulerException wrongStage(Schedule s, String action, String why) {
        return new SchedulerException(SchedulerException.Code.WRONG_STAGE, "cannot " + action + " update "
                + s.updateId() + " in stage " + s.stage() + ": " + why);
    }
}
