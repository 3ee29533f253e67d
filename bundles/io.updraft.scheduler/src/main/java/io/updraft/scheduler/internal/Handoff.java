package io.updraft.scheduler.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.downloader.DownloadException;
import io.updraft.downloader.DownloadState;
import io.updraft.downloader.DownloadStatus;
import io.updraft.downloader.Downloader;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.Stage;
import io.updraft.update.Offer;

/**
 * The hand-off to the installer: the verified files of a due update, and the end of the schedule once the installer
 * is done with it. The device state is the installer's from here on; nothing in this class moves it.
 */
final class Handoff {
    private static final Logger LOG = LoggerFactory.getLogger(Handoff.class);

    private final Scheduler sch;
    private final Downloader downloader;
    private final Denial denial;

    Handoff(Scheduler sch, Downloader downloader, Denial denial) {
        this.sch = sch;
        this.downloader = downloader;
        this.denial = denial;
    }

    Map<String, Path> duePackages(String updateId) throws SchedulerException {
        Schedule s;
        synchronized (sch.lock) {
            s = due(updateId);
            for (Offer o : s.offers()) {
                String id = UpdateIds.downloadId(s.updateId(), o);
                Optional<DownloadStatus> status = downloader.status(id);
                if (status.isEmpty() || status.get().state() != DownloadState.COMPLETE) {
                    throw new SchedulerException(SchedulerException.Code.STORAGE, "update " + updateId + ": download "
                            + id + " of " + what(o) + " is " + status.map(d -> d.state().name()).orElse("missing")
                            + ", not COMPLETE; the package cannot be installed");
                }
            }
        }
        // Outside the lock: for a complete download the downloader only hands back its checked file. Should the file
        // have vanished since, it fetches and checks it again, which is slow but right, and the installer verifies
        // the package's signature again in any case.
        Map<String, Path> files = new TreeMap<>();
        for (Offer o : s.offers()) {
            files.put(o.release().component(), file(s, o));
        }
        synchronized (sch.lock) {
            due(updateId);
        }
        return files;
    }

    private Path file(Schedule s, Offer o) throws SchedulerException {
        String id = UpdateIds.downloadId(s.updateId(), o);
        Path file;
        try {
            file = downloader.download(UpdateIds.request(s.updateId(), o));
        } catch (DownloadException | IllegalArgumentException e) {
            throw new SchedulerException(SchedulerException.Code.STORAGE, "update " + s.updateId() + ": the file of "
                    + "download " + id + " (" + what(o) + ") cannot be handed over: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchedulerException(SchedulerException.Code.STORAGE, "update " + s.updateId()
                    + ": interrupted while handing over download " + id, e);
        }
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != o.length()) {
                throw new SchedulerException(SchedulerException.Code.STORAGE, "update " + s.updateId() + ": file "
                        + file + " of " + what(o) + " is missing or not " + o.length() + " bytes long");
            }
        } catch (IOException e) {
            throw new SchedulerException(SchedulerException.Code.STORAGE, "update " + s.updateId() + ": file "
                    + file + " of " + what(o) + " cannot be read: " + e.getMessage(), e);
        }
        return file;
    }

    /** The schedule of {@code updateId} if its install is due. Call under the lock. */
    private Schedule due(String updateId) throws SchedulerException {
        Objects.requireNonNull(updateId, "updateId");
        Schedule s = sch.last();
        if (s == null || !s.updateId().equals(updateId)) {
            throw new SchedulerException(SchedulerException.Code.NOTHING_PENDING, "update " + updateId
                    + " is not the scheduled update" + (s == null ? " (none is scheduled)"
                            : " (update " + s.updateId() + " is, in stage " + s.stage() + ")"));
        }
        if (s.stage() != Stage.INSTALL_DUE) {
            throw new SchedulerException(SchedulerException.Code.WRONG_STAGE, "update " + updateId + " is in stage "
                    + s.stage() + ", not " + Stage.INSTALL_DUE + "; its packages are not handed to the installer");
        }
        return s;
    }

    /**
     * Ends the schedule of an update the installer is done with: {@link Stage#INSTALLED}, or {@link Stage#FAILED}
     * with its releases remembered like declined ones. The downloads are deleted on the caller's thread, so they are
     * gone when this returns; after a crash in between, the start-up reconciliation deletes them.
     */
    void installFinished(String updateId, boolean installed, String reason) throws SchedulerException {
        Objects.requireNonNull(updateId, "updateId");
        String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        Schedule ended;
        synchronized (sch.lock) {
            Schedule s = sch.last();
            if (s == null || !s.updateId().equals(updateId)) {
                LOG.info("Install of update {} ended ({}); it is not the scheduled update, nothing to do", updateId,
                        installed ? "installed" : "not installed");
                return;
            }
            if (Scheduler.ENDED.contains(s.stage())) {
                LOG.debug("Update {} already ended in stage {}", updateId, s.stage());
                return;
            }
            if (s.stage() != Stage.INSTALL_DUE) {
                LOG.warn("Update {}: the installer reports its end in stage {}, before its install was due", updateId,
                        s.stage());
            }
            try {
                end(s, installed, why);
            } catch (IOException e) {
                throw Scheduler.storage(updateId, e);
            }
            sch.cancelWake();
            ended = s;
        }
        denial.discard(ended);
    }

    /** Keeps the end of the schedule and journals it; the downloads are the caller's to discard. Call under the lock. */
    void end(Schedule s, boolean installed, String why) throws IOException {
        Instant now = sch.clock.instant();
        if (installed) {
            sch.save(new Draft(s).stage(Stage.INSTALLED).unblocked().build(now));
            sch.journal(s.updateId(), "installed", Map.of("releases", Steps.describe(s)));
            LOG.info("Update {} installed ({}); schedule ended", s.updateId(), Steps.describe(s));
        } else {
            Draft d = new Draft(s).stage(Stage.FAILED).unblocked();
            d.problem = "install failed: " + why;
            sch.save(new Saved(d.build(now), denial.remembered(s)));
            sch.journal(s.updateId(), "install-failed", Map.of("releases", Steps.describe(s), "reason", why));
            LOG.warn("Update {} was not installed ({}); {} not scheduled again until newer releases come",
                    s.updateId(), why, Steps.describe(s));
        }
    }

    private static String what(Offer o) {
        return o.release().component() + " " + o.release().version();
    }
}
