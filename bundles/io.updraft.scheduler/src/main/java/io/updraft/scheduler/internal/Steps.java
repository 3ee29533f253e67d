package io.updraft.scheduler.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.scheduler.Confirmation;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.Stage;
import io.updraft.scheduler.When;
import io.updraft.update.StateException;
import io.updraft.update.UpdateState;
import io.updraft.update.UpdateStatus;

/**
 * What the work thread does each time it wakes: looks at the schedule and the clock, takes the next step that is
 * due (ask the user, run the pre-update checks, start the download, make the install due) and sleeps until the
 * next one can be.
 */
final class Steps implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Steps.class);

    private final Scheduler sch;
    private final Prechecks prechecks;
    private final Fetcher fetcher;
    private final Denial denial;

    Steps(Scheduler sch, Prechecks prechecks, Fetcher fetcher, Denial denial) {
        this.sch = sch;
        this.prechecks = prechecks;
        this.fetcher = fetcher;
        this.denial = denial;
    }

    @Override
    public void run() {
        Schedule fetch = null;
        Schedule verify = null;
        synchronized (sch.lock) {
            Schedule s = sch.last();
            if (sch.stopped() || s == null) {
                return;
            }
            sch.cancelWake();
            Instant now = sch.clock.instant();
            try {
                switch (s.stage()) {
                    case WAITING_TO_DOWNLOAD:
                        fetch = waitingToDownload(s, now);
                        break;
                    case AWAITING_CONFIRMATION:
                        awaitingConfirmation(s, now);
                        break;
                    case DOWNLOADING:
                        if (s.nextAttempt() != null && s.nextAttempt().isAfter(now)) {
                            sch.wakeAt(s.nextAttempt(), this);
                        } else {
                            fetch = s;
                        }
                        break;
                    case VERIFYING:
                        verify = s;
                        break;
                    case WAITING_TO_INSTALL:
                        waitingToInstall(s, now);
                        break;
                    default:
                        // PAUSED, INSTALL_DUE, DENIED, FAILED: a person or the installer moves on from here.
                        break;
                }
            } catch (StateException | IOException | RuntimeException e) {
                LOG.error("Update {}: step in stage {} failed; trying again in {}", s.updateId(), s.stage(),
                        sch.settings().recheckDelay(), e);
                sch.wakeAt(now.plus(sch.settings().recheckDelay()), this);
            }
        }
        if (fetch != null) {
            fetcher.fetch(fetch);
        } else if (verify != null) {
            fetcher.verify(verify);
        }
    }

    /** @return the schedule to fetch when its download starts now, else null */
    private Schedule waitingToDownload(Schedule s, Instant now) throws StateException, IOException {
        Policy policy = sch.policy(s);
        if (s.download() == When.CONFIRM && !Scheduler.confirmed(s.confirmation())) {
            ask(s, now, policy, "download");
            return null;
        }
        if (s.download() == When.WINDOW) {
            Window.Opening w = policy.window().next(now, sch.settings().zone());
            if (w.open().isAfter(now)) {
                if (!w.open().equals(s.downloadNotBefore())) {
                    Draft d = new Draft(s);
                    d.downloadNotBefore = w.open();
                    sch.save(d.build(now));
                }
                sch.wakeAt(w.open(), this);
                return null;
            }
        }
        if (s.nextAttempt() != null && s.nextAttempt().isAfter(now)) {
            sch.wakeAt(s.nextAttempt(), this);
            return null;
        }
        UpdateStatus status = sch.state.status();
        List<String> blockers = status.state() == UpdateState.UPDATE_AVAILABLE ? prechecks.beforeDownload(
                sch.settings(), s.offers(), UpdateIds.downloadIds(s.updateId(), s.offers()))
                : List.of("device check: the update state is " + status.state() + ", not " + UpdateState.UPDATE_AVAILABLE
                        + (status.updateId().isEmpty() ? "" : " (update " + status.updateId() + ")"));
        if (!blockers.isEmpty()) {
            block(s, now, blockers, "download");
            return null;
        }
        sch.move(UpdateState.DOWNLOADING, s.updateId(), "download of " + describe(s) + " started ("
                + s.download().name().toLowerCase(java.util.Locale.ROOT) + ")");
        Draft d = new Draft(s).stage(Stage.DOWNLOADING).unblocked();
        d.downloadNotBefore = s.downloadNotBefore() == null ? now : s.downloadNotBefore();
        Schedule started = sch.save(d.build(now));
        sch.journal(s.updateId(), "download-started", Map.of("releases", describe(s)));
        LOG.info("Update {}: downloading {}", s.updateId(), describe(s));
        return started;
    }

    private void awaitingConfirmation(Schedule s, Instant now) throws StateException, IOException {
        Confirmation c = s.confirmation();
        if (c.deadline() != null && c.deadline().isAfter(now)) {
            sch.wakeAt(c.deadline(), this);
            return;
        }
        if (Policy.DENY.equals(c.defaultAction())) {
            LOG.info("Update {}: nobody answered by {}; declining it as configured", s.updateId(), c.deadline());
            denial.deny(s, "timeout", Confirmation.State.TIMED_OUT);
            return;
        }
        Draft d = new Draft(s).stage(sch.ready(s) ? Stage.WAITING_TO_INSTALL : Stage.WAITING_TO_DOWNLOAD);
        d.confirmation = new Confirmation(Confirmation.State.TIMED_OUT, c.deadline(), c.defaultAction(), "timeout", now);
        sch.save(d.build(now));
        sch.journal(s.updateId(), "confirmation-timeout", Map.of("action", Policy.INSTALL, "by", "timeout"));
        LOG.info("Update {}: nobody answered by {}; going ahead as configured", s.updateId(), c.deadline());
        sch.kick(this);
    }

    private void waitingToInstall(Schedule s, Instant now) throws StateException, IOException {
        Policy policy = sch.policy(s);
        if (s.install() == When.CONFIRM && !Scheduler.confirmed(s.confirmation())) {
            ask(s, now, policy, "install");
            return;
        }
        Instant at = s.install() == When.WINDOW ? policy.window().next(now, sch.settings().zone()).open() : now;
        if (s.installNotBefore() == null || at.isAfter(now) && !at.equals(s.installNotBefore())) {
            Draft d = new Draft(s);
            d.installNotBefore = at;
            s = sch.save(d.build(now));
            sch.journal(s.updateId(), "install-time", Map.of("notBefore", at.toString(), "policy", s.install().name()));
        }
        if (at.isAfter(now)) {
            sch.wakeAt(at, this);
            return;
        }
        if (s.nextAttempt() != null && s.nextAttempt().isAfter(now)) {
            sch.wakeAt(s.nextAttempt(), this);
            return;
        }
        List<String> blockers = prechecks.beforeInstall(sch.settings(), s.offers());
        if (!blockers.isEmpty()) {
            block(s, now, blockers, "install");
            return;
        }
        Schedule due = sch.save(new Draft(s).stage(Stage.INSTALL_DUE).unblocked().build(now));
        sch.journal(s.updateId(), "install-due", Map.of("releases", describe(s)));
        sch.events.installDue(due);
        LOG.info("Update {}: install is due ({})", s.updateId(), describe(s));
    }

    private void ask(Schedule s, Instant now, Policy policy, String what) throws IOException {
        Draft d = new Draft(s).stage(Stage.AWAITING_CONFIRMATION);
        Instant deadline = now.plus(policy.confirmationTimeout());
        String action = policy.installOnTimeout() ? Policy.INSTALL : Policy.DENY;
        d.confirmation = new Confirmation(Confirmation.State.PENDING, deadline, action, "", null);
        sch.save(d.build(now));
        sch.journal(s.updateId(), "confirmation-asked", Map.of("for", what, "deadline", deadline.toString(),
                "defaultAction", action));
        LOG.info("Update {}: waiting for the user to confirm its {} until {} (then: {})", s.updateId(), what,
                deadline, action);
        sch.wakeAt(deadline, this);
    }

    private void block(Schedule s, Instant now, List<String> blockers, String what) throws IOException {
        Draft d = new Draft(s);
        d.blockers = blockers;
        d.nextAttempt = now.plus(sch.settings().recheckDelay());
        sch.save(d.build(now));
        sch.journal(s.updateId(), "precheck-failed", Map.of("for", what, "blockers", String.join("; ", blockers),
                "nextAttempt", d.nextAttempt.toString()));
        LOG.info("Update {}: {} postponed to {}: {}", s.updateId(), what, d.nextAttempt, String.join("; ", blockers));
        sch.wakeAt(d.nextAttempt, this);
    }

    static String describe(Schedule s) {
        return String.join(", ", s.offers().stream()
                .map(o -> o.release().component() + " " + o.release().version()).toList());
    }
}
