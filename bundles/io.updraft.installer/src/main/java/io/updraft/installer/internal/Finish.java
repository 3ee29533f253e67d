package io.updraft.installer.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallRecord.Action;
import io.updraft.install.InstallRecord.Outcome;
import io.updraft.install.InstallStep;
import io.updraft.install.Snapshot;
import io.updraft.install.SnapshotService;
import io.updraft.install.StagedSlot;
import io.updraft.scheduler.SchedulerException;
import io.updraft.update.InstalledComponent;
import io.updraft.update.StateException;
import io.updraft.update.UpdateState;

/**
 * Ends an attempt: commits it, or undoes it as far as its journal shows it went. Used by a running attempt and by
 * the recovery after a restart alike, so every step here may run a second time.
 */
final class Finish {
    private static final Logger LOG = LoggerFactory.getLogger(Finish.class);

    private final Context ctx;

    Finish(Context ctx) {
        this.ctx = ctx;
    }

    /**
     * Commits: each component is recorded at its new version.
     *
     * @param journalCommit false when the {@code commit} entry is already journaled (completing after a restart)
     */
    InstallRecord commit(Attempt a, String by, boolean journalCommit) throws InstallException {
        ctx.progress().step(a.id(), InstallStep.COMMITTING, "");
        if (journalCommit) {
            ctx.journal().append(a.id(), Journal.COMMIT, Map.of("by", by == null ? "" : by));
        }
        for (Item item : a.items()) {
            try {
                ctx.state().recordInstalled(new InstalledComponent(item.name(), item.toVersion(), ctx.clock().instant()));
            } catch (StateException e) {
                throw new InstallException(Reason.IO, "cannot record " + item.name() + " " + item.toVersion()
                        + " as installed: " + e.getMessage(), e);
            }
        }
        deleteStaging(a.id());
        ctx.journal().append(a.id(), Journal.COMMITTED, Map.of());
        String reason = (a.isUpdate() ? "committed " : "rolled back to ") + a.changes();
        ctx.moveIfNeeded(UpdateState.IDLE, a.id(), reason);
        return end(a, Outcome.SUCCEEDED, "");
    }

    /** Ends a failed attempt: undone if any switch was journaled, else aborted. */
    InstallRecord fail(Attempt a, String reason) throws InstallException {
        Journal.Segment seg = a.begun() ? ctx.journal().segment(a.id()) : new Journal.Segment(List.of());
        if (seg.isEmpty()) {
            // Failed before its begin was journaled: nothing on disk changed.
            if (ctx.state().status().state().canMoveTo(UpdateState.FAILED)
                    && ctx.state().status().updateId().equals(a.id())) {
                ctx.move(UpdateState.FAILED, a.id(), reason);
            }
            return end(a, Outcome.FAILED, reason);
        }
        return seg.has(Journal.SWITCH) ? undo(a, reason, seg) : abort(a, reason, seg);
    }

    /** Puts every switched component back on its previous slot and restarts the previous versions. */
    InstallRecord undo(Attempt a, String reason, Journal.Segment seg) throws InstallException {
        Optional<String> earlier = seg.entries().stream().filter(e -> e.step().equals(Journal.ROLLBACK))
                .map(e -> e.details().getOrDefault("reason", "")).findFirst();
        if (earlier.isPresent()) {
            reason = earlier.get() + " (rollback completed after: " + reason + ")";
        } else {
            ctx.journal().append(a.id(), Journal.ROLLBACK, Map.of("reason", reason));
        }
        ctx.moveIfNeeded(UpdateState.ROLLING_BACK, a.id(), reason);
        ctx.progress().step(a.id(), InstallStep.ROLLING_BACK, "");
        List<String> problems = new ArrayList<>();
        stopAll(a, problems);
        List<Item> reversed = new ArrayList<>(a.items());
        java.util.Collections.reverse(reversed);
        for (Item item : reversed) {
            if (seg.has(Journal.SWITCH, item.name())) {
                switchBack(a, item, seg);
            }
        }
        restoreConfig(a, seg, problems);
        startPrevious(a, problems);
        verifyPrevious(a, problems);
        ctx.journal().append(a.id(), Journal.ROLLED_BACK, Map.of("reason", reason, "problems", String.join("; ", problems)));
        String full = problems.isEmpty() ? reason : reason + "; while rolling back: " + String.join("; ", problems);
        ctx.moveIfNeeded(UpdateState.FAILED, a.id(), full);
        return end(a, a.isUpdate() ? Outcome.ROLLED_BACK : Outcome.FAILED, full);
    }

    /** Ends an attempt that never switched: the slots it wrote are cleared, stopped services started again. */
    InstallRecord abort(Attempt a, String reason, Journal.Segment seg) throws InstallException {
        List<String> problems = new ArrayList<>();
        for (Item item : a.items()) {
            if (seg.has(Journal.STAGE, item.name())) {
                try {
                    SlotJson.delete(item.componentDir().resolve("slots").resolve(item.toSlot() + ".json"));
                    item.installer().clear(item.spec(), item.toPath());
                } catch (IOException | RuntimeException e) {
                    problems.add("slot " + item.toSlot() + " of " + item.name() + " not cleared: " + e.getMessage());
                }
            }
        }
        restoreConfig(a, seg, problems);
        if (seg.has(Journal.STOP_SERVICES)) {
            startPrevious(a, problems);
        }
        ctx.journal().append(a.id(), Journal.ABORTED, Map.of("reason", reason, "problems", String.join("; ", problems)));
        String full = problems.isEmpty() ? reason : reason + "; while cleaning up: " + String.join("; ", problems);
        if (ctx.state().status().state().canMoveTo(UpdateState.FAILED)) {
            ctx.move(UpdateState.FAILED, a.id(), full);
        }
        return end(a, Outcome.FAILED, full);
    }

    private void switchBack(Attempt a, Item item, Journal.Segment seg) throws InstallException {
        ctx.journal().append(a.id(), Journal.SWITCH_BACK, Map.of("component", item.name(), "to", item.fromSlot()));
        try {
            if (item.hadActive()) {
                SlotPointer.point(item.componentDir(), item.fromPath());
            } else {
                SlotPointer.remove(item.componentDir());
            }
            String before = seg.find(Journal.SWITCH, item.name()).map(e -> e.details().getOrDefault("link", ""))
                    .orElse("");
            if (item.spec().link() != null && !before.isEmpty()) {
                SlotPointer.restoreLink(item.spec().link(), before);
            }
        } catch (IOException e) {
            throw new InstallException(Reason.IO, "cannot switch " + item.name() + " back to slot '" + item.fromSlot()
                    + "': " + e.getMessage(), e);
        }
    }

    private void stopAll(Attempt a, List<String> problems) throws InstallException {
        for (int i = a.items().size() - 1; i >= 0; i--) {
            Item item = a.items().get(i);
            try {
                ctx.services().stop(item.spec());
            } catch (InstallException | RuntimeException e) {
                problems.add("stopping the services of " + item.name() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InstallException(Reason.SERVICE_FAILED, "interrupted while stopping " + item.name(), e);
            }
        }
    }

    private void startPrevious(Attempt a, List<String> problems) throws InstallException {
        for (Item item : a.items()) {
            if (!item.hadActive()) {
                continue;
            }
            try {
                ctx.services().start(item.spec(), item.fromPath());
            } catch (InstallException | RuntimeException e) {
                problems.add("starting the services of " + item.name() + " " + item.fromVersion() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InstallException(Reason.SERVICE_FAILED, "interrupted while starting " + item.name(), e);
            }
        }
    }

    private void verifyPrevious(Attempt a, List<String> problems) {
        for (Item item : a.items()) {
            if (!item.hadActive()) {
                continue;
            }
            try {
                Optional<StagedSlot> json = SlotJson.read(item.componentDir().resolve("slots")
                        .resolve(item.fromSlot() + ".json"));
                if (json.isEmpty()) {
                    problems.add("slot " + item.fromSlot() + " of " + item.name() + " has no description to verify");
                } else {
                    item.installer().verify(item.spec(), json.get(), item.fromPath());
                }
            } catch (InstallException | IOException | RuntimeException e) {
                problems.add("slot " + item.fromSlot() + " of " + item.name() + " failed verification: " + e.getMessage());
            }
        }
    }

    /** Puts back the configuration of components whose migration ran or whose configuration was restored. */
    private void restoreConfig(Attempt a, Journal.Segment seg, List<String> problems) {
        SnapshotService snapshots = ctx.snapshots();
        for (Item item : a.items()) {
            if (!seg.has(Journal.MIGRATE, item.name()) && !seg.has(Journal.RESTORE, item.name())) {
                continue;
            }
            Optional<String> id = seg.find(Journal.SNAPSHOTTED, item.name()).map(e -> e.details().get("snapshot"));
            if (id.isEmpty()) {
                problems.add("configuration of " + item.name() + " may have changed and no snapshot was taken to restore it");
                continue;
            }
            try {
                Optional<Snapshot> s = snapshots.find(id.get());
                if (s.isEmpty()) {
                    problems.add("snapshot " + id.get() + " of " + item.name() + " is gone; configuration not restored");
                } else {
                    snapshots.restore(s.get(), EnumSet.of(SnapshotService.Part.CONFIG), null);
                }
            } catch (InstallException | IOException | RuntimeException e) {
                problems.add("restoring the configuration of " + item.name() + " from " + id.get() + ": " + e.getMessage());
            }
        }
    }

    private void deleteStaging(String id) {
        try {
            Context.deleteTree(ctx.layout().staging(id));
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", ctx.layout().staging(id), e.getMessage());
        }
    }

    /** Records the end of an attempt and tells everyone who waits for it. */
    InstallRecord end(Attempt a, Outcome outcome, String reason) {
        InstallRecord r = a.record(outcome, reason, ctx.clock().instant());
        deleteStaging(a.id());
        try {
            ctx.history().put(r);
        } catch (IOException e) {
            LOG.error("Cannot record the end of {} in {}: {}", a.id(), ctx.layout().history(), e.getMessage());
        }
        ctx.events().result(r);
        if (a.action() == Action.INSTALL) {
            try {
                ctx.scheduler().installFinished(a.id(), outcome == Outcome.SUCCEEDED, reason);
            } catch (SchedulerException | RuntimeException e) {
                LOG.warn("The scheduler did not take the end of {}: {}", a.id(), e.getMessage());
            }
        }
        ctx.progress().clear();
        if (outcome == Outcome.SUCCEEDED) {
            LOG.info("{} {} succeeded: {}", a.action(), a.id(), a.changes());
        } else {
            LOG.warn("{} {} ended {}: {}", a.action(), a.id(), outcome, reason);
        }
        return r;
    }
}
