package io.updraft.logstore.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.updraft.fs.DurableFiles;
import io.updraft.fs.DurableSequence;

/**
 * The store's directories and its streams by name: {@code <telemetry>/segments/<stream>/} for the segments,
 * {@code <telemetry>/sequences/<stream>} for each stream's sequence reservation, {@code <telemetry>/store-id} and
 * {@code <telemetry>/store-state}. Not thread-safe: the store calls it under its lock.
 */
final class StreamRegistry {
    static final long SEQUENCE_BLOCK = 100_000;
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    final Path telemetryDir;
    final Path segmentsDir;
    private final Path sequencesDir;
    private final Clock clock;
    private final Map<String, StreamLog> streams = new TreeMap<>();
    private final Map<String, StoreState.Entry> saved;
    private final String storeId;

    /** Creates the directories and the store id if missing and opens every stream found on disk. */
    StreamRegistry(Path telemetryDir, Clock clock, StoreSettings settings) throws IOException {
        this.telemetryDir = telemetryDir;
        this.segmentsDir = telemetryDir.resolve("segments");
        this.sequencesDir = telemetryDir.resolve("sequences");
        this.clock = clock;
        for (Path dir : List.of(telemetryDir, segmentsDir, sequencesDir)) {
            DurableFiles.createDirectories(dir);
            ownerOnly(dir);
        }
        this.storeId = storeId(telemetryDir.resolve("store-id"));
        this.saved = StoreState.read(stateFile(), clock.millis());
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(segmentsDir, Files::isDirectory)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (StreamPattern.STREAM.matcher(name).matches()) {
                    StreamLog log = open(name, settings);
                    StoreState.Entry e = saved.get(name);
                    if (e != null) {
                        log.dropped = e.dropped();
                    }
                }
            }
        }
    }

    static void ownerOnly(Path dir) throws IOException {
        if (!Files.getPosixFilePermissions(dir).equals(OWNER_ONLY_DIRECTORY)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIRECTORY);
        }
    }

    private static String storeId(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                DurableFiles.write(file, (UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII),
                        Segment.OWNER_ONLY, false, file.resolveSibling("store-id.tmp"));
            } catch (FileAlreadyExistsException e) {
                // Made by another opening meanwhile; that one is kept.
            }
        }
        String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw new IOException("store id file " + file + " holds '" + id + "', not a UUID; delete it to make a "
                    + "new id", e);
        }
    }

    String storeId() {
        return storeId;
    }

    Path stateFile() {
        return telemetryDir.resolve("store-state");
    }

    /** The stream of that name, made (directory, sequence file) on first use. */
    StreamLog open(String name, StoreSettings settings) throws IOException {
        StreamLog log = streams.get(name);
        if (log != null) {
            return log;
        }
        log = new StreamLog(name, segmentsDir.resolve(name));
        DurableFiles.createDirectories(log.dir);
        ownerOnly(log.dir);
        log.load();
        // The saved state remembers sequences whose segments are all gone (purged or dropped), should the
        // sequence file be lost: numbers are never handed out twice.
        StoreState.Entry e = saved.get(name);
        if (e != null) {
            log.lastSequence = Math.max(log.lastSequence, e.lastSequence());
        }
        log.sequences = new DurableSequence(sequencesDir.resolve(name), SEQUENCE_BLOCK, log.lastSequence + 1,
                clock);
        log.configure(settings);
        streams.put(name, log);
        return log;
    }

    /** The stream of that name, or null if it never had a record. */
    StreamLog get(String name) {
        return streams.get(name);
    }

    /** Every stream, by name; a live view. */
    Collection<StreamLog> all() {
        return streams.values();
    }

    Map<String, StreamLog> byName() {
        return streams;
    }
}
