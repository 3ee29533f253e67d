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
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Turns checked bytes into a value; throws for content that is intact but unusable. */
    interface Parser<T> {
        T parse(byte[] payload) throws CorruptFileException;
    }

    private final Clock clock;
    private final List<RecoveryNotice> notices = new ArrayList<>();

    Recovery(Clock clock) {
        this.clock = clock;
    }

    List<RecoveryNotice> notices() {
        return List.copyOf(notices);
    }

    /**
     * Reads {@code file}, recovering from corruption as described above; returns {@code empty} for a file that
     * was never written.
     *
     * @throws IOException if the files cannot be read or moved at all (permissions, I/O errors): that is not
     *         corruption and must not cost the device its state
     */
    <T> T load(AtomicFile file, Parser<T> parser, Supplier<T> empty) throws IOException {
        boolean hasCurrent = file.exists();
        boolean hasPrevious = file.previousExists();
        if (!hasCurrent && !hasPrevious) {
            return empty.get();
        }
        String problem;
        if (hasCurrent) {
            try {
                return parser.parse(file.read());
            } catch (CorruptFileException e) {
                problem = e.getMessage();
            }
        } else {
            // Only recovery itself removes the current name; a crash during an earlier recovery leads here.
            problem = "missing while its previous copy exists";
        }
        String stamp = STAMP.format(clock.instant());
        String kept = hasCurrent ? "; bad file kept as " + file.moveAside("corrupt", stamp).getFileName() : "";

        String prevProblem = "no previous copy";
        if (hasPrevious) {
            try {
                byte[] payload = file.readPrevious();
                T value = parser.parse(payload);
                file.write(payload);
                notice(file.path(), problem, "restored from previous copy " + file.previousPath().getFileName() + kept);
                return value;
            } catch (CorruptFileException e) {
                prevProblem = "previous copy unusable too: " + e.getMessage();
                kept += "; bad previous copy kept as " + file.movePreviousAside("corrupt", stamp).getFileName();
            }
        }
        notice(file.path(), problem + "; " + prevProblem, "started from empty state" + kept);
        return empty.get();
    }

    private void notice(Path file, String problem, String action) {
        LOG.warn("Recovered state file {}: {}; {}", file, problem, action);
        notices.add(new RecoveryNotice(clock.instant(), file.toString(), problem, action));
    }
}
