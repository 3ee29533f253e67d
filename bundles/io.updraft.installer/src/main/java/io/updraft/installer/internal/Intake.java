package io.updraft.installer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.InstallRecord.Action;
import io.updraft.install.InstallRecord.Outcome;
import io.updraft.install.Payload;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.Stage;
import io.updraft.update.Offer;
import io.updraft.update.Release;
import io.updraft.update.UpdateState;
import io.updraft.update.UpdateStatus;
import io.updraft.verifier.UpdateVerifier;
import io.updraft.verifier.VerificationException;
import io.updraft.verifier.VerifiedPackage;

/**
 * Prepares attempts: verifies the packages of a due update or an offline package again, extracting their payloads
 * into {@code staging/<updateId>/<component>/}, and plans each component. A failure here changes nothing on disk but
 * the device state (to FAILED) and the history.
 */
final class Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    private final Context ctx;
    private final UpdateVerifier verifier;
    private final Plans plans;
    private final Finish finish;

    Intake(Context ctx, UpdateVerifier verifier, Plans plans, Finish finish) {
        this.ctx = ctx;
        this.verifier = verifier;
        this.plans = plans;
        this.finish = finish;
    }

    /**
     * An offline package's attempt, verified and planned.
     *
     * @throws InstallException {@code BUSY} if the device state does not allow it, {@code BAD_PACKAGE} if the file
     *         fails verification or does not fit the component's declaration (recorded in the history)
     */
    Attempt offline(Path file, String repositoryId, String by, String id) throws InstallException {
        UpdateStatus st = ctx.state().status();
        if (!st.state().canMoveTo(UpdateState.VERIFYING)) {
            throw new InstallException(Reason.BUSY, "the update state is " + st.state() + " (update '" + st.updateId()
                    + "'); an offline install needs IDLE or FAILED");
        }
        Instant started = ctx.clock().instant();
        Attempt pre = new Attempt(id, Action.OFFLINE_INSTALL, by, started, List.of());
        history(pre);
        ctx.move(UpdateState.VERIFYING, id, "offline package " + file);
        try {
            Payload p = verify(id, null, file, repositoryId);
            ctx.move(UpdateState.READY, id, "verified " + p.component() + " " + p.version() + " from " + file);
            return new Attempt(id, Action.OFFLINE_INSTALL, by, started, List.of(plans.update(p)));
        } catch (InstallException | RuntimeException e) {
            // A plugin's runtime exception must end the attempt like any refusal, not leave the state VERIFYING.
            InstallException ie = e instanceof InstallException x ? x : new InstallException(Reason.BAD_PACKAGE,
                    "package " + file + " could not be planned: " + e, e);
            finish.fail(pre, ie.getMessage());
            throw ie;
        }
    }

    /** A due update's attempt, verified and planned; null when it is not due or failed here (then recorded). */
    Attempt scheduled(String id) {
        UpdateStatus st = ctx.state().status();
        Optional<Schedule> s = ctx.scheduler().current().filter(x -> x.updateId().equals(id));
        if (st.state() != UpdateState.READY || !st.updateId().equals(id) || s.isEmpty()
                || s.get().stage() != Stage.INSTALL_DUE) {
            LOG.info("Install of {} was announced, but the update state is {} for '{}' and the schedule is {}; not "
                    + "installing", id, st.state(), st.updateId(), s.map(x -> x.stage().name()).orElse("not this update's"));
            return null;
        }
        Attempt pre = new Attempt(id, Action.INSTALL, "scheduler", ctx.clock().instant(), List.of());
        try {
            history(pre);
            Map<String, Path> packages = ctx.scheduler().duePackages(id);
            List<Item> items = new ArrayList<>();
            for (Offer o : s.get().offers()) {
                String name = o.release().component();
                Path file = packages.get(name);
                if (file == null) {
                    throw new InstallException(Reason.BAD_PACKAGE, "update " + id + " has no package for " + name);
                }
                items.add(plans.update(verify(id, name, file, o.source())));
            }
            return new Attempt(id, Action.INSTALL, "scheduler", pre.started(), items);
        } catch (InstallException | SchedulerException | RuntimeException e) {
            // A plugin's runtime exception must end the attempt like any refusal: state, history and scheduler told.
            String reason = e instanceof RuntimeException ? "update " + id + " could not be planned: " + e : e.getMessage();
            try {
                finish.fail(pre, reason);
            } catch (InstallException e2) {
                LOG.error("Cannot record the failure of {}: {}", id, e2.getMessage());
            }
            return null;
        }
    }

    private void history(Attempt pre) throws InstallException {
        try {
            ctx.history().put(pre.record(Outcome.RUNNING, "", null));
        } catch (IOException e) {
            throw new InstallException(Reason.IO, "cannot write " + ctx.layout().history() + ": " + e.getMessage(), e);
        }
    }

    private Payload verify(String id, String expected, Path file, String repositoryId) throws InstallException {
        Path staging = ctx.layout().staging(id);
        Path tmp = staging.resolve(".verify");
        VerifiedPackage v;
        try {
            Context.deleteTree(tmp);
            DurableFiles.createDirectories(staging);
            v = verifier.verifyPackage(repositoryId, ctx.settings().trustRoot(), file, tmp);
        } catch (VerificationException e) {
            throw new InstallException(Reason.BAD_PACKAGE, "package " + file + " failed verification against repository '"
                    + repositoryId + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InstallException(Reason.BAD_PACKAGE, "package " + file + " could not be verified: " + e.getMessage(), e);
        }
        String component = v.manifest().release().component();
        if (expected != null && !expected.equals(component)) {
            throw new InstallException(Reason.BAD_PACKAGE, "package " + file + " of update " + id + " should hold "
                    + expected + " but holds " + component);
        }
        if (v.manifest().release().kind() == Release.Kind.DELTA) {
            throw new InstallException(Reason.BAD_PACKAGE, "package " + file + " is a delta of " + component + " against "
                    + v.manifest().release().deltaBase() + "; only full packages are installed");
        }
        try {
            Path dir = staging.resolve(component);
            Context.deleteTree(dir);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.syncDirectory(staging);
            return Payloads.of(v, dir, Files.size(file));
        } catch (IOException e) {
            throw new InstallException(Reason.IO, "cannot move the payload of " + file + " into " + staging + ": "
                    + e.getMessage(), e);
        }
    }
}
