package io.updraft.state.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.updraft.fs.DurableFiles;
import io.updraft.update.CheckResult;
import io.updraft.update.JournalEntry;
import io.updraft.update.Names;
import io.updraft.update.StateTransition;

/**
 * The files under {@code <home>/state/}: {@code device.json}, {@code history.json} and
 * {@code last-check.json} and {@code journal/<updateId>.json}, each an {@link AtomicFile} with its {@code .prev}
 * copy. {@code last-check.json} came later than the others: a state directory without it is complete.
 */
final class StateStore {
    static final String JSON = ".json";

    private final Path stateDir;
    private final Path journalDir;
    private final AtomicFile device;
    private final AtomicFile history;
    private final AtomicFile lastCheck;
    private final StateCodec codec = new StateCodec();
    private final AtomicFile.DirectorySync sync;

    StateStore(Path home) {
        this(home, AtomicFile.DirectorySync.FSYNC);
    }

    StateStore(Path home, AtomicFile.DirectorySync sync) {
        this.sync = sync;
        this.stateDir = home.resolve("state");
        this.journalDir = stateDir.resolve("journal");
        this.device = new AtomicFile(stateDir.resolve("device" + JSON), sync);
        this.history = new AtomicFile(stateDir.resolve("history" + JSON), sync);
        this.lastCheck = new AtomicFile(stateDir.resolve("last-check" + JSON), sync);
    }

    Path stateDir() {
        return stateDir;
    }

    /** Creates the directories and removes what interrupted writes left; returns the removed files. */
    List<Path> prepare() throws IOException {
        // New directory entries must be durable too, or files written into them could vanish with a power cut.
        // createDirectories syncs what it creates; the parents go through this store's sync as well, so storage
        // that fails to sync them fails the start here rather than a later write.
        Set<Path> toSync = new LinkedHashSet<>();
        for (Path created : DurableFiles.createDirectories(journalDir)) {
            toSync.add(created.getParent());
        }
        // Synced at every start too, in case an earlier start created them and died before its syncs.
        toSync.add(stateDir);
        toSync.add(stateDir.getParent());
        for (Path dir : toSync) {
            sync.sync(dir);
        }
        List<Path> removed = new ArrayList<>(AtomicFile.deleteTemporaryFiles(stateDir, sync));
        removed.addAll(AtomicFile.deleteTemporaryFiles(journalDir, sync));
        return removed;
    }

    DeviceData loadDevice(Recovery recovery, Supplier<DeviceData> empty) throws IOException, NewerSchemaException {
        return recovery.load(device, codec::parseDevice, empty);
    }

    void saveDevice(DeviceData data) throws IOException {
        device.write(codec.device(data));
    }

    List<StateTransition> loadHistory(Recovery recovery) throws IOException, NewerSchemaException {
        return recovery.load(history, codec::parseHistory, List::of);
    }

    void saveHistory(List<StateTransition> transitions) throws IOException {
        history.write(codec.history(transitions));
    }

    /** The last check result, or null if none was ever recorded. */
    CheckResult loadCheck(Recovery recovery) throws IOException, NewerSchemaException {
        return recovery.load(lastCheck, codec::parseCheck, () -> null);
    }

    void saveCheck(CheckResult result) throws IOException {
        lastCheck.write(codec.check(result));
    }

    Path checkPath() {
        return lastCheck.path();
    }

    /** Every journal on disk by update id; a journal recovered as empty is left out. */
    Map<String, List<JournalEntry>> loadJournals(Recovery recovery) throws IOException, NewerSchemaException {
        Map<String, List<JournalEntry>> journals = new TreeMap<>();
        for (String updateId : journalIds()) {
            List<JournalEntry> entries = recovery.load(journal(updateId),
                    payload -> codec.parseJournal(updateId, payload), List::of);
            if (!entries.isEmpty()) {
                journals.put(updateId, List.copyOf(entries));
            }
        }
        return journals;
    }

    void saveJournal(String updateId, List<JournalEntry> entries) throws IOException {
        journal(updateId).write(codec.journal(updateId, entries));
    }

    /**
     * Deletes the journals of {@code updateIds} so that a power cut at any instant leaves each one either whole or
     * gone: all previous copies go first and their deletion is made durable before any current file goes (see
     * {@link AtomicFile#deleteCurrent()}). Two directory syncs in all, however many journals go. Calls
     * {@code removed} for each journal once its current file is deleted, also when a later one fails.
     *
     * @throws NotDurableException if the journals are deleted but the final directory sync failed; a power cut may
     *         then bring some of them back whole
     * @throws IOException if a journal could not be deleted; those not reported to {@code removed} are still whole
     */
    void removeJournals(List<String> updateIds, Consumer<String> removed) throws IOException {
        if (updateIds.isEmpty()) {
            return;
        }
        List<AtomicFile> files = new ArrayList<>();
        for (String updateId : updateIds) {
            files.add(journal(updateId));
        }
        for (AtomicFile f : files) {
            f.deletePreviousAndTemporary();
        }
        sync.sync(journalDir);
        IOException failure = null;
        for (int i = 0; i < files.size() && failure == null; i++) {
            try {
                files.get(i).deleteCurrent();
                removed.accept(updateIds.get(i));
            } catch (IOException e) {
                failure = e;
            }
        }
        try {
            sync.sync(journalDir);
        } catch (IOException e) {
            if (failure == null) {
                throw new NotDurableException("journals are deleted from " + journalDir + ", but syncing it failed: "
                        + e.getMessage(), e);
            }
            failure.addSuppressed(e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    Path journalPath(String updateId) {
        return journal(updateId).path();
    }

    private AtomicFile journal(String updateId) {
        // The id becomes a file name; the check keeps it from leaving the journal directory.
        return new AtomicFile(journalDir.resolve(Names.requireUpdateId(updateId) + JSON), sync);
    }

    /**
     * Update ids that have a journal or only its previous copy. Names that are no valid update id (left there by
     * hand, or moved-aside files) are not journals and are ignored.
     */
    private List<String> journalIds() throws IOException {
        TreeSet<String> ids = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(journalDir)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                String id = null;
                if (name.endsWith(JSON)) {
                    id = name.substring(0, name.length() - JSON.length());
                } else if (name.endsWith(JSON + AtomicFile.PREV_SUFFIX)) {
                    id = name.substring(0, name.length() - JSON.length() - AtomicFile.PREV_SUFFIX.length());
                }
                if (id != null && isUpdateId(id) && Files.isRegularFile(p)) {
                    ids.add(id);
                }
            }
        }
        return new ArrayList<>(ids);
    }

    private static boolean isUpdateId(String id) {
        try {
            Names.requireUpdateId(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
