package io.updraft.scheduler.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.downloader.DownloadException;
import io.updraft.downloader.DownloadRequest;
import io.updraft.downloader.Downloader;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.Stage;
import io.updraft.update.Offer;
import io.updraft.update.StateException;
import io.updraft.update.UpdateState;
import io.updraft.verifier.PackageManifest;
import io.updraft.verifier.UpdateVerifier;
import io.updraft.verifier.VerificationException;
import io.updraft.verifier.VerifiedPackage;

/**
 * The long steps, on the work thread and outside the lock: fetching an update's artifacts one after the other,
 * then checking each package against the pinned trust root of the repository that offered it. Before each step
 * and after each blocking call the schedule is read again, since a person may have paused or declined it.
 */
final class Fetcher {
    private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);

    private final Scheduler sch;
    private final Downloader downloader;
    private final UpdateVerifier verifier;
    private final Denial denial;
    private Runnable steps;

    Fetcher(Scheduler sch, Downloader downloader, UpdateVerifier verifier, Denial denial) {
        this.sch = sch;
        this.downloader = downloader;
        this.verifier = verifier;
        this.denial = denial;
    }

    void steps(Runnable next) {
        this.steps = next;
    }

    void fetch(Schedule s) {
        for (Offer o : s.offers()) {
            if (!still(s, Stage.DOWNLOADING)) {
                return;
            }
            try {
                Path file = downloader.download(UpdateIds.request(s.updateId(), o));
                sch.journal(s.updateId(), "downloaded", Map.of("component", o.release().component(),
                        "version", o.release().version().toString(), "file", file.toString()));
            } catch (DownloadException e) {
                downloadFailed(s, o, e);
                return;
            } catch (IllegalArgumentException e) {
                fail(s, UpdateState.DOWNLOADING, "download of " + o.release().component() + " cannot start: "
                        + e.getMessage(), "download-failed");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.info("Update {}: download interrupted by shutdown; it resumes at the next start", s.updateId());
                return;
            }
        }
        synchronized (sch.lock) {
            if (!still(s, Stage.DOWNLOADING)) {
                return;
            }
            try {
                sch.move(UpdateState.VERIFYING, s.updateId(), "downloads of " + Steps.describe(s) + " complete");
                sch.save(new Draft(sch.last()).stage(Stage.VERIFYING).unblocked().build(sch.clock.instant()));
            } catch (StateException | IOException e) {
                retryLater(s, "could not record the completed download: " + e.getMessage());
                return;
            }
        }
        verify(s);
    }

    void verify(Schedule s) {
        List<String> verified = new ArrayList<>();
        for (Offer o : s.offers()) {
            if (!still(s, Stage.VERIFYING)) {
                return;
            }
            String what = o.release().component() + " " + o.release().version();
            try {
                // The artifact is complete: the downloader hands back its file without fetching again.
                Path file = downloader.download(UpdateIds.request(s.updateId(), o));
                VerifiedPackage p = verifier.verifyPackage(o.source(), null, file, null);
                PackageManifest m = p.manifest();
                if (!m.release().component().equals(o.release().component())
                        || !m.release().version().equals(o.release().version())) {
                    throw new VerificationException(VerificationException.Reason.MALFORMED, "package of " + what
                            + " carries " + m.release().component() + " " + m.release().version());
                }
                verified.add(what + " signed by " + String.join(",", p.signedBy()));
            } catch (VerificationException | IOException | DownloadException | IllegalArgumentException e) {
                fail(s, UpdateState.VERIFYING, "verification of " + what + " (repository '" + o.source()
                        + "') failed: " + e.getMessage(), "verification-failed");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        synchronized (sch.lock) {
            if (!still(s, Stage.VERIFYING)) {
                return;
            }
            try {
                sch.move(UpdateState.READY, s.updateId(), "verified " + Steps.describe(s));
                sch.save(new Draft(sch.last()).stage(Stage.WAITING_TO_INSTALL).unblocked().build(sch.clock.instant()));
                sch.journal(s.updateId(), "verified", Map.of("packages", String.join("; ", verified)));
                LOG.info("Update {}: verified {}", s.updateId(), Steps.describe(s));
            } catch (StateException | IOException e) {
                LOG.error("Update {}: could not record the verification; verifying again in {}", s.updateId(),
                        sch.settings().recheckDelay(), e);
                sch.wakeAt(sch.clock.instant().plus(sch.settings().recheckDelay()), steps);
                return;
            }
            sch.kick(steps);
        }
    }

    private void downloadFailed(Schedule s, Offer o, DownloadException e) {
        String what = "download of " + o.release().component() + " " + o.release().version();
        if (e.reason() == DownloadException.Reason.PAUSED) {
            LOG.info("Update {}: {} stopped: {}", s.updateId(), what, e.getMessage());
            synchronized (sch.lock) {
                if (still(s, Stage.DOWNLOADING)) {
                    // Not paused through the scheduler (that sets PAUSED first): try again later.
                    retryLater(s, what + " was paused");
                }
            }
        } else if (e.retryable()) {
            retryLater(s, what + " failed, will retry: " + e.getMessage());
        } else {
            fail(s, UpdateState.DOWNLOADING, what + " failed: " + e.getMessage(), "download-failed");
        }
    }

    private void retryLater(Schedule s, String problem) {
        synchronized (sch.lock) {
            if (!still(s, Stage.DOWNLOADING) && !still(s, Stage.VERIFYING)) {
                return;
            }
            Instant now = sch.clock.instant();
            Draft d = new Draft(sch.last());
            d.problem = problem;
            d.nextAttempt = now.plus(sch.settings().recheckDelay());
            try {
                sch.save(d.build(now));
            } catch (IOException e) {
                LOG.error("Update {}: could not record the retry", s.updateId(), e);
            }
            sch.journal(s.updateId(), "retry", Map.of("problem", problem, "nextAttempt", d.nextAttempt.toString()));
            LOG.warn("Update {}: {}; next attempt at {}", s.updateId(), problem, d.nextAttempt);
            sch.wakeAt(d.nextAttempt, steps);
        }
    }

    /** Ends the update for good: the device state goes to FAILED with the reason and the downloads are deleted. */
    private void fail(Schedule s, UpdateState from, String problem, String step) {
        synchronized (sch.lock) {
            if (!still(s, from == UpdateState.DOWNLOADING ? Stage.DOWNLOADING : Stage.VERIFYING)) {
                return;
            }
            Instant now = sch.clock.instant();
            try {
                sch.move(UpdateState.FAILED, s.updateId(), problem);
                Draft d = new Draft(sch.last()).stage(Stage.FAILED).unblocked();
                d.problem = problem;
                sch.save(d.build(now));
            } catch (StateException | IOException e) {
                LOG.error("Update {}: could not record its failure ({})", s.updateId(), problem, e);
            }
            sch.journal(s.updateId(), step, Map.of("problem", problem));
            LOG.error("Update {} failed: {}", s.updateId(), problem);
        }
        denial.discard(s);
    }

    /** Whether the schedule is still that update in that stage: a person may have paused or declined it. */
    private boolean still(Schedule s, Stage stage) {
        synchronized (sch.lock) {
            Schedule now = sch.last();
            return !sch.stopped() && now != null && now.updateId().equals(s.updateId()) && now.stage() == stage;
        }
    }
}
