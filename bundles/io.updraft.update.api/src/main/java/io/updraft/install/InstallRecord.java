package io.updraft.install;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One attempt in the install history.
 *
 * @param id the update id (or {@code rollback-...} for a manual rollback)
 * @param action {@link Action#INSTALL}, {@link Action#OFFLINE_INSTALL} or {@link Action#ROLLBACK}
 * @param changes the components it moves
 * @param started when it started
 * @param finished when it ended; null while it runs
 * @param outcome how it ended
 * @param reason why it failed or was rolled back; empty when it succeeded
 * @param by who started it, e.g. {@code scheduler}, {@code shell}, {@code rest}
 */
public record InstallRecord(String id, Action action, List<ComponentChange> changes, Instant started, Instant finished,
        Outcome outcome, String reason, String by) {

    /** What was attempted. */
    public enum Action { INSTALL, OFFLINE_INSTALL, ROLLBACK }

    /** How an attempt ended. */
    public enum Outcome {
        /** Still running. */
        RUNNING,
        /** Installed, switched, health-checked and committed (or, for a rollback, done). */
        SUCCEEDED,
        /** Switched, then rolled back automatically: the previous versions run again. */
        ROLLED_BACK,
        /** Failed before any switch; nothing changed. */
        FAILED
    }

    public InstallRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        changes = List.copyOf(changes);
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
        by = by == null ? "" : by;
    }
}
