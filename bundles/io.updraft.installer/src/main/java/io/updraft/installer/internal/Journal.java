package io.updraft.installer.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.update.DeviceStateService;
import io.updraft.update.JournalEntry;
import io.updraft.update.StateException;

/**
 * The two-phase journal of installs and rollbacks, kept in the device state: each step is appended before its
 * effect, so a restarted runtime can tell from the last attempt's entries what may have happened.
 */
final class Journal {
    static final String BEGIN = "begin";
    static final String SNAPSHOT = "snapshot";
    static final String SNAPSHOTTED = "snapshotted";
    static final String STAGE = "stage";
    static final String STAGED = "staged";
    static final String MIGRATE = "migrate";
    static final String RESTORE = "restore";
    static final String STOP_SERVICES = "stop-services";
    static final String SWITCH = "switch";
    static final String SWITCHED = "switched";
    static final String START_SERVICES = "start-services";
    static final String TRIAL = "trial";
    static final String COMMIT = "commit";
    static final String COMMITTED = "committed";
    static final String ROLLBACK = "rollback";
    static final String SWITCH_BACK = "switch-back";
    static final String ROLLED_BACK = "rolled-back";
    static final String ABORTED = "aborted";
    static final Set<String> ENDS = Set.of(COMMITTED, ROLLED_BACK, ABORTED);

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final DeviceStateService state;

    Journal(DeviceStateService state) {
        this.state = state;
    }

    void append(String id, String step, Map<String, String> details) throws InstallException {
        try {
            state.appendJournal(id, step, details);
        } catch (StateException e) {
            throw new InstallException(Reason.IO, "cannot journal step '" + step + "' of " + id + ": " + e.getMessage(), e);
        }
        LOG.info("{}: {} {}", id, step, details);
    }

    /** The entries of the latest attempt under {@code id}: from its last {@code begin} on; empty if none. */
    Segment segment(String id) throws InstallException {
        List<JournalEntry> all;
        try {
            all = state.journal(id);
        } catch (StateException e) {
            throw new InstallException(Reason.IO, "cannot read the journal of " + id + ": " + e.getMessage(), e);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            if (BEGIN.equals(all.get(i).step())) {
                return new Segment(List.copyOf(all.subList(i, all.size())));
            }
        }
        return new Segment(List.of());
    }

    /** One attempt's entries, starting with its {@code begin}. */
    record Segment(List<JournalEntry> entries) {
        boolean isEmpty() {
            return entries.isEmpty();
        }

        Map<String, String> begin() {
            return entries.isEmpty() ? Map.of() : entries.get(0).details();
        }

        boolean has(String step) {
            return entries.stream().anyMatch(e -> e.step().equals(step));
        }

        boolean has(String step, String component) {
            return find(step, component).isPresent();
        }

        Optional<JournalEntry> find(String step, String component) {
            return entries.stream()
                    .filter(e -> e.step().equals(step) && component.equals(e.details().get("component")))
                    .reduce((first, second) -> second);
        }

        /** Whether the attempt reached its end: committed, rolled back or aborted. */
        boolean closed() {
            return !entries.isEmpty() && ENDS.contains(last());
        }

        String last() {
            return entries.isEmpty() ? "" : entries.get(entries.size() - 1).step();
        }
    }
}
