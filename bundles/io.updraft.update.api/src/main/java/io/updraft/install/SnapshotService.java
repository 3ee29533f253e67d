package io.updraft.install;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Keeps compressed snapshots of components under {@code <updraft.home>/snapshots/}, verified after writing, with a
 * retention of the newest {@code keep} per component (configurable, 2 by default).
 */
@ProviderType
public interface SnapshotService {

    /** The parts a snapshot can hold and a restore can put back. */
    enum Part { SLOT, CONFIG, DATA }

    /**
     * Takes a snapshot of a component: the slot's content as {@code staged} describes it (a tree, or an image's
     * bytes), the spec's configuration paths and its data paths. Written to a temporary file, synced, read back and
     * checked, then renamed into place; older snapshots beyond the retention are removed afterwards.
     *
     * @throws InstallException {@code NO_SPACE} if it does not fit, {@code VERIFY_FAILED} if the read-back differs
     */
    Snapshot create(ComponentSpec component, StagedSlot staged, Path slot) throws InstallException, IOException;

    /** Snapshots of a component, newest first. */
    List<Snapshot> list(String component);

    Optional<Snapshot> find(String id);

    /**
     * Checks a snapshot file against its recorded hash and its inner manifest.
     *
     * @throws InstallException {@code NO_SNAPSHOT} naming the snapshot and what differs
     */
    void verify(Snapshot snapshot) throws InstallException, IOException;

    /**
     * Puts parts of a snapshot back after checking it: {@code SLOT} into {@code slotTarget} (an empty directory for a
     * tree, the slot file or partition for an image) and returns what was written there; {@code CONFIG} and
     * {@code DATA} to their original paths, each replaced as a whole (written beside it, then renamed over it).
     *
     * @param slotTarget where the slot content goes; ignored unless {@code parts} has {@code SLOT}
     * @return the restored slot's description, or null when {@code SLOT} was not asked for
     */
    StagedSlot restore(Snapshot snapshot, Set<Part> parts, Path slotTarget) throws InstallException, IOException;

    /** Deletes a snapshot; returns whether it existed. */
    boolean delete(String id) throws IOException;
}
