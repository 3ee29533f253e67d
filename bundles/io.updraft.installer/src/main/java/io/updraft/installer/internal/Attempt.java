package io.updraft.installer.internal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.updraft.install.InstallRecord;
import io.updraft.install.InstallRecord.Action;
import io.updraft.install.InstallRecord.Outcome;

/** One install or rollback while it runs; users reach a running trial through its decisions. */
final class Attempt {
    /** A user's word during the trial: commit now, or roll back. */
    record Decision(boolean commit, String by) {
    }

    private final String id;
    private final Action action;
    private final String by;
    private final Instant started;
    private final List<Item> items;
    private final BlockingQueue<Decision> decisions = new LinkedBlockingQueue<>();
    private final CompletableFuture<InstallRecord> done = new CompletableFuture<>();
    private volatile boolean begun;

    Attempt(String id, Action action, String by, Instant started, List<Item> items) {
        this.id = id;
        this.action = action;
        this.by = by == null ? "" : by;
        this.started = started;
        this.items = List.copyOf(items);
    }

    String id() {
        return id;
    }

    Action action() {
        return action;
    }

    String by() {
        return by;
    }

    Instant started() {
        return started;
    }

    List<Item> items() {
        return items;
    }

    /** Whether its {@code begin} is journaled: from then on, its journal segment says what it did. */
    boolean begun() {
        return begun;
    }

    void markBegun() {
        begun = true;
    }

    boolean isUpdate() {
        return action != Action.ROLLBACK;
    }

    /** Completed with the attempt's last record when its run ends, however it ends. */
    CompletableFuture<InstallRecord> done() {
        return done;
    }

    void decide(Decision d) {
        decisions.add(d);
    }

    /** The next decision, waiting at most {@code millis}; null if none came. */
    Decision poll(long millis) throws InterruptedException {
        return decisions.poll(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    /** The changes as the journal and logs show them, e.g. {@code c1 1.0.0->1.1.0;c2 (none)->2.0.0}. */
    String changes() {
        return items.stream().map(i -> i.name() + " " + (i.fromVersion() == null ? "(none)" : i.fromVersion()) + "->"
                + i.toVersion()).collect(Collectors.joining(";"));
    }

    InstallRecord record(Outcome outcome, String reason, Instant finished) {
        return new InstallRecord(id, action, items.stream().map(Item::change).toList(), started, finished, outcome,
                reason, by);
    }
}
