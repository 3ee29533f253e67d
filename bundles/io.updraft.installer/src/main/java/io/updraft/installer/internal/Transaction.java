package io.updraft.installer.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallStep;
import io.updraft.install.Snapshot;
import io.updraft.install.SnapshotService;
import io.updraft.install.StagedSlot;
import io.updraft.update.UpdateState;

/**
 * Runs one install or manual rollback through its steps, every step journaled before its effect: begin,
 * snapshot, stage, migrate, stop services, switch, start services, trial, then commit or undo. All components of
 * an attempt go together.
 */
final class Transaction {
    private static final Logger LOG = LoggerFactory.getLogger(Transaction.class);

    private final Context ctx;
    private final Finish finish;
    private final Trial trial;
    private final Duration migrationTimeout;

    Transaction(Context ctx, Finish finish, Duration migrationTimeout) {
        this.ctx = ctx;
        this.finish = finish;
        this.trial = new Trial(ctx);
        this.migrationTimeout = migrationTimeout;
    }

    /** Thrown when the runtime stops during an attempt: it is left as it is, for the recovery at the next start. */
    static final class Stopped extends Exception {
        private static final long serialVersionUID = 1L;

        Stopped(String id) {
            super("stopped during " + id + "; the next start recovers it");
        }
    }

    /**
     * Runs the attempt to its end.
     *
     * @param trialListener told when the trial starts and ends (to let users commit or roll back)
     * @throws InstallException before anything was journaled (e.g. a link in the way), or when the attempt could not
     *         be ended and is left for the recovery
     */
    InstallRecord run(Attempt a, java.util.function.Consumer<Attempt> trialListener, java.util.function.BooleanSupplier stopping)
            throws InstallException, Stopped {
        precheckLinks(a);
        try {
            forward(a);
            Instant start = ctx.clock().instant();
            Instant deadline = start.plus(a.items().stream().map(i -> i.spec().trialDeadline()).max(Duration::compareTo)
                    .orElse(Duration.ZERO));
            Trial.Verdict verdict;
            // Whoever sees AWAITING_COMMIT finds the trial ready for a decision (one taken before the trial loop
            // runs waits in the attempt) and, after a restart, in the journal: both come before the state says so.
            trialListener.accept(a);
            try {
                ctx.journal().append(a.id(), Journal.TRIAL, Map.of("deadline", deadline.toString()));
                if (a.isUpdate()) {
                    ctx.move(UpdateState.AWAITING_COMMIT, a.id(), "trial of " + a.changes() + " until " + deadline);
                }
                ctx.progress().trial(a.id(), deadline);
                verdict = trial.run(a, start, deadline, a.isUpdate() && !ctx.settings().autoCommit());
            } finally {
                trialListener.accept(null);
            }
            if (verdict.passed()) {
                String by = verdict.reason().startsWith("committed by ") ? verdict.reason().substring(13) : "health checks";
                return finish.commit(a, by, true);
            }
            return finish.undo(a, verdict.reason(), ctx.journal().segment(a.id()));
        } catch (InterruptedException e) {
            throw new Stopped(a.id());
        } catch (InstallException | IOException | RuntimeException e) {
            if (stopping.getAsBoolean()) {
                throw new Stopped(a.id());
            }
            if (ctx.journal().segment(a.id()).has(Journal.COMMIT)) {
                // The decision is taken; only the recovery may complete it.
                throw e instanceof InstallException ie ? ie
                        : new InstallException(Reason.IO, "commit of " + a.id() + " is incomplete: " + e.getMessage(), e);
            }
            LOG.warn("{} failed: {}", a.id(), e.getMessage());
            return finish.fail(a, e.getMessage());
        }
    }

    private void precheckLinks(Attempt a) throws InstallException {
        for (Item item : a.items()) {
            if (item.spec().link() != null) {
                try {
                    SlotPointer.linkState(item.name(), item.spec().link(),
                            item.componentDir().toAbsolutePath().normalize().resolve(SlotPointer.CURRENT));
                } catch (IOException e) {
                    throw new InstallException(Reason.IO, "component " + item.name() + ": cannot read link "
                            + item.spec().link() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private void forward(Attempt a) throws InstallException, IOException, InterruptedException {
        Map<String, String> begin = new LinkedHashMap<>();
        begin.put("changes", a.changes());
        begin.put("action", a.action().name());
        begin.put("by", a.by());
        begin.put("started", a.started().toString());
        begin.put("components", a.items().stream().map(Item::name).collect(Collectors.joining(",")));
        for (Item item : a.items()) {
            begin.put("item." + item.name(), item.encode());
        }
        ctx.journal().append(a.id(), Journal.BEGIN, begin);
        a.markBegun();
        ctx.move(a.isUpdate() ? UpdateState.INSTALLING : UpdateState.ROLLING_BACK, a.id(),
                (a.isUpdate() ? "installing " : "rolling back ") + a.changes());
        for (Item item : a.items()) {
            snapshot(a, item);
        }
        for (Item item : a.items()) {
            stage(a, item);
        }
        for (Item item : a.items()) {
            if (a.isUpdate() && !item.spec().migrate().isEmpty()) {
                ctx.journal().append(a.id(), Journal.MIGRATE, Map.of("component", item.name()));
                ctx.progress().step(a.id(), InstallStep.MIGRATING, item.name());
                Migration.run(item, migrationTimeout);
            }
        }
        ctx.journal().append(a.id(), Journal.STOP_SERVICES, Map.of());
        for (int i = a.items().size() - 1; i >= 0; i--) {
            ctx.progress().step(a.id(), InstallStep.STOPPING_SERVICES, a.items().get(i).name());
            ctx.services().stop(a.items().get(i).spec());
        }
        for (Item item : a.items()) {
            switchTo(a, item);
        }
        ctx.journal().append(a.id(), Journal.START_SERVICES, Map.of());
        for (Item item : a.items()) {
            ctx.progress().step(a.id(), InstallStep.STARTING_SERVICES, item.name());
            ctx.services().start(item.spec(), item.toPath());
        }
    }

    /** Snapshots the active slot before an update, or before a rollback that puts a snapshot's configuration back. */
    private void snapshot(Attempt a, Item item) throws InstallException, IOException {
        boolean wanted = ctx.settings().snapshots() && (a.isUpdate() || !item.snapshotSource().isEmpty());
        if (!wanted || !item.hadActive()) {
            return;
        }
        Optional<StagedSlot> active = SlotJson.read(json(item, item.fromSlot()));
        if (active.isEmpty()) {
            LOG.warn("{}: slot {} of {} has no description; no snapshot taken", a.id(), item.fromSlot(), item.name());
            return;
        }
        ctx.journal().append(a.id(), Journal.SNAPSHOT, Map.of("component", item.name()));
        ctx.progress().step(a.id(), InstallStep.SNAPSHOT, item.name());
        Snapshot s = ctx.snapshots().create(item.spec(), active.get(), item.fromPath());
        ctx.journal().append(a.id(), Journal.SNAPSHOTTED, Map.of("component", item.name(), "snapshot", s.id()));
    }

    private void stage(Attempt a, Item item) throws InstallException, IOException, InterruptedException {
        if (item.payload() == null && item.snapshotSource().isEmpty()) {
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("component", item.name());
        details.put("slot", item.toSlot());
        details.put("version", item.toVersion().toString());
        if (!item.snapshotSource().isEmpty()) {
            details.put("snapshot", item.snapshotSource());
        }
        ctx.journal().append(a.id(), Journal.STAGE, details);
        Path json = json(item, item.toSlot());
        DurableFiles.createDirectories(json.getParent());
        SlotJson.delete(json);
        item.installer().clear(item.spec(), item.toPath());
        StagedSlot staged;
        if (item.payload() != null) {
            ctx.progress().step(a.id(), InstallStep.STAGING, item.name());
            staged = item.installer().stage(item.spec(), item.payload(), item.toPath(), ctx.progress().bytes());
        } else {
            staged = restore(a, item);
        }
        if (!staged.component().equals(item.name()) || !staged.version().equals(item.toVersion())) {
            throw new InstallException(Reason.VERIFY_FAILED, "slot " + item.toSlot() + " of " + item.name()
                    + " was staged as " + staged.component() + " " + staged.version() + ", not " + item.toVersion());
        }
        SlotJson.write(json, staged);
        ctx.progress().step(a.id(), InstallStep.VERIFYING_STAGED, item.name());
        item.installer().verify(item.spec(), staged, item.toPath());
        ctx.journal().append(a.id(), Journal.STAGED, Map.of("component", item.name(), "slot", item.toSlot()));
    }

    private StagedSlot restore(Attempt a, Item item) throws InstallException, IOException {
        Snapshot s = ctx.snapshots().find(item.snapshotSource()).orElseThrow(() -> new InstallException(
                Reason.NO_SNAPSHOT, "snapshot " + item.snapshotSource() + " of " + item.name() + " is gone"));
        Set<SnapshotService.Part> parts = EnumSet.of(SnapshotService.Part.SLOT, SnapshotService.Part.CONFIG);
        if (Boolean.parseBoolean(item.spec().properties().getOrDefault("restoreData", "false"))) {
            parts.add(SnapshotService.Part.DATA);
        }
        ctx.journal().append(a.id(), Journal.RESTORE, Map.of("component", item.name(), "snapshot", s.id(),
                "parts", parts.toString()));
        ctx.progress().step(a.id(), InstallStep.RESTORING, item.name());
        StagedSlot staged = ctx.snapshots().restore(s, parts, item.toPath());
        if (staged == null) {
            throw new InstallException(Reason.VERIFY_FAILED, "snapshot " + s.id() + " gave no slot back for " + item.name());
        }
        return staged;
    }

    private void switchTo(Attempt a, Item item) throws InstallException, IOException {
        ctx.progress().step(a.id(), InstallStep.SWITCHING, item.name());
        String link = "";
        if (item.spec().link() != null) {
            link = SlotPointer.linkState(item.name(), item.spec().link(),
                    item.componentDir().toAbsolutePath().normalize().resolve(SlotPointer.CURRENT));
        }
        ctx.journal().append(a.id(), Journal.SWITCH, Map.of("component", item.name(), "from", item.fromSlot(),
                "to", item.toSlot(), "link", link));
        SlotPointer.point(item.componentDir(), item.toPath());
        if (item.spec().link() != null) {
            SlotPointer.ensureLink(item.name(), item.spec().link(), item.componentDir());
        }
        ctx.journal().append(a.id(), Journal.SWITCHED, Map.of("component", item.name()));
    }

    private static Path json(Item item, String slot) {
        return item.componentDir().resolve("slots").resolve(slot + ".json");
    }
}
