package io.updraft.installer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.install.ComponentInstaller;
import io.updraft.install.InstallException;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallRecord.Action;
import io.updraft.install.InstallRecord.Outcome;
import io.updraft.update.UpdateState;
import io.updraft.update.UpdateStatus;
import io.updraft.update.Version;

/**
 * What the installer does at start, before anything else: it finishes an attempt whose commit was journaled and
 * undoes any other that was under way, so every component is at exactly its old or its new version again. A
 * restart during the trial counts as a failed trial: a version that brings the device down must not stay.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    /** The cause of a recovery at start. */
    static final String AT_START = "a restart";

    private final Context ctx;
    private final Finish finish;
    private final Duration pluginWait;
    /** What cut the attempt under recovery off; set by {@link #run} (worker thread only). */
    private String cause = AT_START;

    Recovery(Context ctx, Finish finish, Duration pluginWait) {
        this.ctx = ctx;
        this.finish = finish;
        this.pluginWait = pluginWait;
    }

    /**
     * Recovers the attempt the device state shows, if any.
     *
     * @param cause what cut the attempt off, for the reasons recorded: {@value #AT_START} at start, or the failure
     *        that left it unfinished when a recovery runs again in the same process
     * @return false when it must wait: an installer the attempt needs is not available yet
     */
    boolean run(String cause) throws InstallException, InterruptedException {
        this.cause = cause;
        UpdateStatus st = ctx.state().status();
        String id = st.updateId();
        switch (st.state()) {
            case INSTALLING, AWAITING_COMMIT, ROLLING_BACK -> {
                if (!resolve(id, st.state())) {
                    return false;
                }
            }
            case VERIFYING, READY -> {
                if (!id.isEmpty()) {
                    Journal.Segment seg = ctx.journal().segment(id);
                    if (!seg.isEmpty() && !seg.closed()) {
                        if (!resolve(id, st.state())) {
                            return false;
                        }
                    } else if (ctx.history().latest(id).filter(r -> r.outcome() == Outcome.RUNNING
                            && r.action() == Action.OFFLINE_INSTALL).isPresent()) {
                        String reason = "interrupted by " + cause + " while the package was verified";
                        ctx.move(UpdateState.FAILED, id, reason);
                        close(ctx.history().latest(id).get(), reason);
                    }
                }
            }
            default -> {
                // Nothing of the installer's was under way.
            }
        }
        for (InstallRecord r : ctx.history().running()) {
            // An attempt cut off between its begin and its first state move (a manual rollback from IDLE or FAILED)
            // shows in its journal only. One cut off after its end's state move but before its history record has a
            // closed journal: its outcome is recorded and reported, the state it reached is left as it is.
            Journal.Segment seg = ctx.journal().segment(r.id());
            if (!seg.isEmpty() && !resolve(r.id(), seg.closed() ? null : ctx.state().status().state())) {
                return false;
            }
        }
        for (InstallRecord r : ctx.history().running()) {
            close(r, "interrupted by " + cause + " before any change");
        }
        cleanUp();
        return true;
    }

    /** @param state the device state the attempt left; null to end a closed attempt without moving the state */
    private boolean resolve(String id, UpdateState state) throws InstallException, InterruptedException {
        Journal.Segment seg = id.isEmpty() ? new Journal.Segment(List.of()) : ctx.journal().segment(id);
        if (seg.isEmpty()) {
            String reason = "interrupted by " + cause + "; no install step was journaled";
            if (state == UpdateState.AWAITING_COMMIT) {
                ctx.move(UpdateState.ROLLING_BACK, id, reason);
            }
            ctx.moveIfNeeded(UpdateState.FAILED, id, reason);
            return true;
        }
        Map<String, String> begin = seg.begin();
        Optional<List<Item>> items = items(begin);
        if (items.isEmpty()) {
            return false;
        }
        Attempt a = new Attempt(id, Action.valueOf(begin.getOrDefault("action", Action.INSTALL.name())),
                begin.getOrDefault("by", ""), started(begin, seg), items.get());
        a.markBegun();
        LOG.info("Recovering {} ({}) found in state {} at journal step '{}'", id, a.changes(), state, seg.last());
        String last = seg.last();
        if (last.equals(Journal.COMMITTED)) {
            if (state != null) {
                ctx.moveIfNeeded(UpdateState.IDLE, id, "committed " + a.changes());
            }
            finish.end(a, Outcome.SUCCEEDED, "");
        } else if (seg.has(Journal.COMMIT)) {
            finish.commit(a, begin.getOrDefault("by", ""), false);
        } else if (last.equals(Journal.ROLLED_BACK) || last.equals(Journal.ABORTED)) {
            String reason = seg.entries().get(seg.entries().size() - 1).details().getOrDefault("reason", "");
            if (state != null) {
                ctx.moveIfNeeded(UpdateState.FAILED, id, reason);
            }
            finish.end(a, last.equals(Journal.ROLLED_BACK) && a.isUpdate() ? Outcome.ROLLED_BACK : Outcome.FAILED, reason);
        } else if (seg.has(Journal.SWITCH)) {
            finish.undo(a, seg.has(Journal.TRIAL) ? "interrupted by " + cause + " during the trial"
                    : "interrupted by " + cause + " while switching", seg);
        } else {
            finish.abort(a, "interrupted by " + cause + " before the switch", seg);
        }
        return true;
    }

    /** The attempt's components as its {@code begin} recorded them; empty while an installer they need is missing. */
    private Optional<List<Item>> items(Map<String, String> begin) throws InterruptedException {
        List<String> names = List.of(begin.getOrDefault("components", "").split(","));
        Set<String> kinds = new TreeSet<>();
        Set<String> catalogs = new TreeSet<>();
        for (String name : names) {
            Map<String, String> m = Item.decode(begin.getOrDefault("item." + name, ""));
            kinds.add(m.getOrDefault("kind", ""));
            if (!m.getOrDefault("catalog", "").isEmpty()) {
                catalogs.add(m.get("catalog"));
            }
        }
        if (!ctx.plugins().await(kinds, catalogs, pluginWait)) {
            if (!ctx.plugins().has(kinds, Set.of())) {
                LOG.error("Recovery waits for installers of kinds {} (needed by {}); it continues when they appear",
                        kinds, names);
                return Optional.empty();
            }
            // Recovering without the declaration would guess slot paths (an image's partitions), the services to
            // restart and the link to put back: a wrong guess can leave the device unbootable. Waiting cannot.
            LOG.error("Recovery of {} waits for the catalogs {} that declared them; it continues when they appear "
                    + "(until then installs are refused as busy)", names, catalogs);
            return Optional.empty();
        }
        List<Item> items = new ArrayList<>();
        for (String name : names) {
            Map<String, String> m = Item.decode(begin.getOrDefault("item." + name, ""));
            String kind = m.get("kind");
            ComponentInstaller installer = ctx.plugins().findInstaller(kind).orElseThrow();
            Plugins.Declared declared;
            String catalog = m.getOrDefault("catalog", "");
            try {
                declared = ctx.plugins().declared(name, kind);
            } catch (InstallException e) {
                if (!catalog.isEmpty()) {
                    LOG.error("Recovery of {} waits: {} (it was declared by {} when the attempt began)", name,
                            e.getMessage(), catalog);
                    return Optional.empty();
                }
                LOG.warn("Recovering {} with a plain declaration: {}", name, e.getMessage());
                declared = new Plugins.Declared(io.updraft.install.ComponentSpec.plain(name, kind), "");
            }
            if (!catalog.equals(declared.catalog())) {
                LOG.error("Recovery of {} waits for the catalog {} that declared it when the attempt began (now: {})",
                        name, catalog, declared.catalog().isEmpty() ? "no declaration" : declared.catalog());
                return Optional.empty();
            }
            String fromVersion = m.getOrDefault("fromVersion", "");
            items.add(new Item(declared.spec(), declared.catalog(), installer, ctx.layout().componentDir(name),
                    m.getOrDefault("from", ""), fromVersion.isEmpty() ? null : Version.parse(fromVersion),
                    m.get("to"), Version.parse(m.get("version")), null, m.getOrDefault("snapshot", "")));
        }
        return Optional.of(items);
    }

    private static Instant started(Map<String, String> begin, Journal.Segment seg) {
        try {
            return Instant.parse(begin.getOrDefault("started", ""));
        } catch (DateTimeParseException e) {
            return seg.entries().get(0).at();
        }
    }

    private void close(InstallRecord r, String reason) {
        try {
            ctx.history().put(new InstallRecord(r.id(), r.action(), r.changes(), r.started(), ctx.clock().instant(),
                    Outcome.FAILED, reason, r.by()));
        } catch (IOException e) {
            LOG.error("Cannot close history record {}: {}", r.id(), e.getMessage());
        }
    }

    /** Removes what interrupted attempts left: staged payloads and half-made pointers. */
    private void cleanUp() {
        try {
            if (Files.isDirectory(ctx.layout().staging())) {
                try (Stream<Path> list = Files.list(ctx.layout().staging())) {
                    for (Path p : list.toList()) {
                        Context.deleteTree(p);
                    }
                }
            }
            for (String name : ctx.layout().componentNames()) {
                Files.deleteIfExists(ctx.layout().componentDir(name).resolve(SlotPointer.CURRENT + ".tmp"));
            }
        } catch (IOException e) {
            LOG.warn("Cleaning up after the recovery: {}", e.getMessage());
        }
    }
}
