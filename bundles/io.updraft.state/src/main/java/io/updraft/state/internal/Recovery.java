package io.updraft.state.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.update.RecoveryNotice;

/**
 * How a state file is read at start: the current copy if it is intact, else the previous copy, else nothing.
 * Every fallback is logged and recorded as a {@link RecoveryNotice}; a bad file is moved aside, never deleted.
 *
 * <p>Reading and repairing are separate steps: {@link #load} only reads and decides, {@link #repair} then moves
 * bad files aside and restores previous copies. A file of a newer schema found by any {@code load} thus stops the
 * start before a single file has been changed.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Turns checked bytes into a value; throws for content that is intact but unusable. */
    interface Parser<T> {
        T parse(byte[] payload) throws CorruptFileException, NewerSchemaException;
    }

    private interface Repair {
        void run() throws IOException;
    }

    private final Clock clock;
    private final List<RecoveryNotice> notices = new ArrayList<>();
    private final List<Repair> repairs = new ArrayList<>();

    Recovery(Clock clock) {
        this.clock = clock;
    }

    List<RecoveryNotice> notices() {
        return List.copyOf(notices);
    }

    /**
     * Reads {@code file} and returns what recovery as described above yields: the current content, the previous
     * copy's or {@code empty}, which is also what a file that was never written gives. Changes no file; the moves
     * and the restore this takes are left to {@link #repair()}, which must run before the file is written again.
     *
     * @throws NewerSchemaException naming the file if the current copy, or the previous copy that would replace a
     *         bad current one, is intact but of a newer schema
     * @throws IOException if the files cannot be read at all (permissions, I/O errors): that is not corruption
     *         and must not cost the device its state
     */
    <T> T load(AtomicFile file, Parser<T> parser, Supplier<T> empty) throws IOException, NewerSchemaException {
        boolean hasCurrent = file.exists();
        boolean hasPrevious = file.previousExists();
        if (!hasCurrent && !hasPrevious) {
            return empty.get();
        }
        String problem;
        if (hasCurrent) {
            try {
                return parse(parser, file.read(), file.path());
            } catch (CorruptFileException e) {
                problem = e.getMessage();
            }
        } else {
            // Only recovery itself removes the current name; a crash during an earlier recovery leads here.
            problem = "missing while its previous copy exists";
        }

        byte[] restore = null;
        T value = null;
        String prevProblem = "no previous copy";
        if (hasPrevious) {
            try {
                byte[] payload = file.readPrevious();
                value = parse(parser, payload, file.previousPath());
                restore = payload;
            } catch (CorruptFileException e) {
                prevProblem = "previous copy unusable too: " + e.getMessage();
            }
        }
        byte[] restored = restore;
        String prevFailure = prevProblem;
        repairs.add(() -> {
            String stamp = STAMP.format(clock.instant());
            // Out of the way first: writing over the bad file would make it the previous copy.
            String kept = hasCurrent ? "; bad file kept as " + file.moveAside("corrupt", stamp).getFileName() : "";
            if (restored != null) {
                file.write(restored);
                notice(file.path(), problem, "restored from previous copy " + file.previousPath().getFileName() + kept);
            } else {
                if (hasPrevious) {
                    kept += "; bad previous copy kept as " + file.movePreviousAside("corrupt", stamp).getFileName();
                }
                notice(file.path(), problem + "; " + prevFailure, "started from empty state" + kept);
            }
        });
        return restored != null ? value : empty.get();
    }

    /** Carries out what the loads so far decided: moves bad files aside and restores previous copies. */
    void repair() throws IOException {
        while (!repairs.isEmpty()) {
            repairs.remove(0).run();
        }
    }

    private static <T> T parse(Parser<T> parser, byte[] payload, Path from)
            throws CorruptFileException, NewerSchemaException {
        try {
            return parser.parse(payload);
        } catch (NewerSchemaException e) {
            throw e.in(from);
        }
    }

    private void notice(Path file, String problem, String action) {
        LOG.warn("Recovered state file {}: {}; {}", file, problem, action);
        notices.add(new RecoveryNotice(clock.instant(), file.toString(), problem, action));
    }
}
