package io.updraft.scheduler.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.downloader.DownloadException;
import io.updraft.downloader.Downloader;
import io.updraft.scheduler.Confirmation;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.Stage;
import io.updraft.update.Offer;
import io.updraft.update.StateException;
import io.updraft.update.UpdateState;
import io.updraft.update.UpdateStatus;
import io.updraft.update.Version;

/** Declining an update (by a person or by a timed-out question) and throwing away what was fetched for one. */
final class Denial {
    private static final Logger LOG = LoggerFactory.getLogger(Denial.class);

    private final Scheduler sch;
    private final Downloader downloader;

    Denial(Scheduler sch, Downloader downloader) {
        this.sch = sch;
        this.downloader = downloader;
    }

    /**
     * Declines the update: its releases are remembered so they are not scheduled again, the device state returns to
     * IDLE, and its downloads are deleted. Call under the lock.
     */
    Schedule deny(Schedule s, String by, Confirmation.State how) throws StateException, IOException {
        Instant now = sch.clock.instant();
        String reason = "update " + s.updateId() + " (" + Steps.describe(s) + ") declined by " + by;
        Map<String, Version> denied = remembered(s);
        Draft d = new Draft(s).stage(Stage.DENIED).unblocked();
        Confirmation c = s.confirmation();
        d.confirmation = new Confirmation(how, c.deadline(), c.defaultAction(), by, now);
        // The decision is kept before the device state moves: a crash in between must not forget the denial (the
        // releases would be scheduled again); the start-up reconciliation finishes the moves (releaseDevice).
        Schedule result = sch.save(new Saved(d.build(now), denied));
        sch.cancelWake();
        releaseDevice(s.updateId(), reason);
        sch.journal(s.updateId(), "denied", Map.of("by", by, "releases", Steps.describe(s)));
        LOG.info("Update {} ({}) declined by {}; not offered again until newer releases come", s.updateId(),
                Steps.describe(s), by);
        sch.kick(() -> discard(s));
        return result;
    }

    /** The kept denials with the schedule's releases added: releases up to these are not scheduled again. Call under the lock. */
    Map<String, Version> remembered(Schedule s) {
        Map<String, Version> denied = new HashMap<>(sch.saved().denied());
        for (Offer o : s.offers()) {
            denied.merge(o.release().component(), o.release().version(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return denied;
    }

    /** Moves the device state of a declined update back to IDLE; nothing if it has moved on already. */
    void releaseDevice(String updateId, String reason) throws StateException {
        UpdateStatus status = sch.state.status();
        if (status.state() == UpdateState.UPDATE_AVAILABLE || status.state() == UpdateState.READY
                && status.updateId().equals(updateId)) {
            sch.move(UpdateState.IDLE, updateId, reason);
        } else if (status.updateId().equals(updateId) && status.state().canMoveTo(UpdateState.FAILED)) {
            // DOWNLOADING, PAUSED and VERIFYING lead back to IDLE only through FAILED.
            sch.move(UpdateState.FAILED, updateId, reason);
            sch.move(UpdateState.IDLE, updateId, "nothing pending after " + updateId + " was declined");
        }
    }

    /** Deletes an update's downloads, running or not; a failure leaves files the next update's space check sees. */
    void discard(Schedule s) {
        for (String id : UpdateIds.downloadIds(s.updateId(), s.offers())) {
            try {
                if (downloader.discard(id)) {
                    LOG.debug("Update {}: discarded download {}", s.updateId(), id);
                }
            } catch (DownloadException | RuntimeException e) {
                LOG.warn("Update {}: could not discard download {}", s.updateId(), id, e);
            }
        }
    }

    /** Stops a download of the schedule that is running; its {@code download} call then returns. */
    void stopRunning(Schedule s) {
        List<String> ids = UpdateIds.downloadIds(s.updateId(), s.offers());
        ids.forEach(downloader::pause);
    }
}
