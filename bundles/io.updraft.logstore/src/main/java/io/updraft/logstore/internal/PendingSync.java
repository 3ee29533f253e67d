package io.updraft.logstore.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.updraft.fs.DurableFiles;

/**
 * What the next sync must make durable: segments retired by a rotation (sealed then, and handed to the compressor),
 * whether the active segments were written to, the directories whose entries changed, and whether the store state
 * (last sequences, drop counts) changed. Not thread-safe: the store calls it under its lock.
 */
final class PendingSync {
    private final List<Segment> retired = new ArrayList<>();
    private final Set<Path> unsyncedDirs = new HashSet<>();
    private boolean dirty;
    private boolean stateDirty;

    void retired(Segment s) {
        retired.add(s);
    }

    /** A segment deleted before it was sealed needs no sealing. */
    void forget(Segment s) {
        retired.remove(s);
    }

    void directory(Path dir) {
        unsyncedDirs.add(dir);
    }

    void written() {
        dirty = true;
    }

    void stateChanged() {
        stateDirty = true;
    }

    /** Data first, then the directory entries naming it, so no entry names lost data. */
    void sync(StreamRegistry streams, Consumer<Segment> sealed) throws IOException {
        for (Segment s : new ArrayList<>(retired)) {
            s.seal();
            retired.remove(s);
            sealed.accept(s);
        }
        if (dirty) {
            for (StreamLog log : streams.all()) {
                Segment last = log.last();
                if (last != null) {
                    last.sync();
                }
            }
            dirty = false;
        }
        for (Path dir : unsyncedDirs) {
            DurableFiles.syncDirectory(dir);
        }
        unsyncedDirs.clear();
        if (stateDirty) {
            Map<String, StoreState.Entry> state = new LinkedHashMap<>();
            streams.byName().forEach((name, log) -> state.put(name,
                    new StoreState.Entry(log.lastSequence, log.dropped)));
            StoreState.write(streams.stateFile(), state);
            stateDirty = false;
        }
    }
}
