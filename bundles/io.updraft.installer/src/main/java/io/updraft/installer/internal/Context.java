package io.updraft.installer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

import io.updraft.fs.DurableFiles;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.ServiceControl;
import io.updraft.install.SnapshotService;
import io.updraft.scheduler.UpdateScheduler;
import io.updraft.update.DeviceStateService;
import io.updraft.update.StateException;
import io.updraft.update.UpdateState;

/** What every step of an install or rollback works with. */
record Context(Settings settings, Layout layout, DeviceStateService state, Journal journal, HistoryStore history,
        Progress progress, Events events, ServiceControl services, SnapshotService snapshots, Plugins plugins,
        UpdateScheduler scheduler, Clock clock, ExecutorService checkPool) {

    /** Moves the device state and announces it. */
    void move(UpdateState to, String id, String reason) throws InstallException {
        try {
            events.state(state.transition(to, id, reason));
        } catch (StateException e) {
            throw new InstallException(Reason.IO, "cannot move the update state to " + to + " for " + id + ": "
                    + e.getMessage(), e);
        }
    }

    /** Moves the device state unless it is there already. */
    void moveIfNeeded(UpdateState to, String id, String reason) throws InstallException {
        if (state.status().state() != to) {
            move(to, id, reason);
        }
    }

    /** Deletes a directory tree (staging of an attempt), durably for its name. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
        DurableFiles.syncDirectory(dir.toAbsolutePath().getParent());
    }
}
