package io.updraft.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs verified releases into A/B slots with a journal, switches, runs the trial (services, health checks) and
 * commits or rolls back. One install or rollback runs at a time. Every step is journaled in the device state before
 * it is taken; on start the service finishes a commit the journal shows as decided and rolls back anything else
 * that was under way, so after a power cut each component is at exactly its old or its new version.
 *
 * <p>Events (EventAdmin, posted): {@value #PROGRESS_TOPIC} with {@code id}, {@code step}, {@code component},
 * {@code done}, {@code total}; {@value #RESULT_TOPIC} with {@code id}, {@code action}, {@code outcome},
 * {@code reason}; and the state machine's {@code io/updraft/update/STATE}.
 */
@ProviderType
public interface InstallService {
    /** Topic of progress events. */
    String PROGRESS_TOPIC = "io/updraft/update/PROGRESS";
    /** Topic of the end of each install or rollback. */
    String RESULT_TOPIC = "io/updraft/update/INSTALL_RESULT";

    /**
     * Installs a signed package file from local storage (USB stick, field engineer), outside the scheduler: verified
     * against the pinned root of {@code repositoryId}, then installed like any update. Returns when the attempt has
     * ended (committed, rolled back or failed); the record says which.
     *
     * @throws InstallException {@code BAD_PACKAGE} if the file fails verification, {@code BUSY} if an update holds
     *         the device
     */
    InstallRecord installFile(Path packageFile, String repositoryId, String by) throws InstallException, InterruptedException;

    /**
     * Commits the update in trial now, without waiting for its remaining health checks.
     *
     * @throws InstallException {@code NOTHING_TO_COMMIT} if none is in trial
     */
    InstallRecord commit(String by) throws InstallException;

    /**
     * Rolls back: with a component during a trial, the whole update in trial; with a component and no update in
     * trial, that component to the version in its other slot, or to the snapshot {@code snapshotId} when given.
     * Services are restarted and the result verified. Returns when done.
     *
     * @param component the component, or null for the update in trial
     * @param snapshotId a snapshot of that component, or null for its other slot
     * @throws InstallException {@code NOTHING_TO_COMMIT} with neither a trial nor a component, {@code UNKNOWN_COMPONENT},
     *         {@code NO_SNAPSHOT}, {@code BUSY}
     */
    InstallRecord rollback(String component, String snapshotId, String by) throws InstallException, InterruptedException;

    /** The newest attempts first, at most {@code limit}. */
    List<InstallRecord> history(int limit);

    /** The install or rollback running now, if any. */
    Optional<InstallProgressView> progress();

    /** Every component with slots on this device, sorted by name. */
    List<ComponentState> components();
}
