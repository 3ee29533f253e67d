package io.updraft.scheduler.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;

/**
 * Keeps {@link Saved} in {@code <home>/state/schedule.json}, written through a temporary file, fsync, atomic rename
 * and directory fsync, so a power cut leaves the old or the new decisions. Not thread-safe: the scheduler writes
 * under its lock.
 */
final class ScheduleStore {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path file;
    private final Path temp;
    private final Clock clock;

    ScheduleStore(Path home, Clock clock) {
        this.file = home.resolve("state").resolve("schedule.json");
        this.temp = home.resolve("state").resolve("schedule.json.tmp");
        this.clock = clock;
    }

    Path file() {
        return file;
    }

    /**
     * Reads the decisions back. A file that cannot be read as a schedule is set aside as
     * {@code schedule.json.corrupt-<time>} and the scheduler starts empty, so a bad file never stops the device
     * from updating; the device state and the last check then tell what to resume.
     */
    Saved load() throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Saved.EMPTY;
        }
        try {
            return ScheduleJson.read(content);
        } catch (IOException e) {
            Path aside = DurableFiles.moveAside(file, "corrupt", STAMP.format(clock.instant()));
            LOG.warn("Update schedule {} is unreadable ({}); set aside as {}", file, e.getMessage(), aside.getFileName());
            LOG.warn("Recovered from an unreadable update schedule: decisions are rebuilt from the device state and "
                    + "the last update check; declined releases may be offered again");
            return Saved.EMPTY;
        }
    }

    void save(Saved saved) throws IOException {
        DurableFiles.createDirectories(file.getParent());
        DurableFiles.write(file, ScheduleJson.write(saved), null, true, temp);
    }
}
