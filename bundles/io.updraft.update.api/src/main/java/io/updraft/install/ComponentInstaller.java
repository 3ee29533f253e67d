package io.updraft.install;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Writes one install kind into a component's inactive slot. The install service picks the installer whose
 * {@link #kind()} equals the component's install kind, owns the slot pointer and the journal, and calls these
 * methods only for the inactive slot; an installer never touches the active one.
 */
@ConsumerType
public interface ComponentInstaller {

    /** The install kind handled, e.g. {@code archive}. */
    String kind();

    /**
     * Where slot {@code slot} ({@code a} or {@code b}) of a component lives: a directory below
     * {@code componentDir} for file trees, a file there or the partition the spec names for images.
     */
    Path slot(ComponentSpec component, Path componentDir, String slot);

    /**
     * Replaces whatever the slot holds with the payload, durably (every file and directory synced) before it
     * returns, and describes the result. On failure the slot may hold a partial write; the install service then
     * {@link #clear clears} it. Checks space before writing and refuses payloads that are unsafe for this kind.
     *
     * @throws InstallException {@code BAD_PACKAGE}, {@code UNSAFE_ARCHIVE} naming the entry, {@code NO_SPACE} or
     *         {@code STAGE_FAILED}
     */
    StagedSlot stage(ComponentSpec component, Payload payload, Path slot, InstallProgress progress)
            throws InstallException, IOException, InterruptedException;

    /**
     * Reads the slot back and compares it with what {@link #stage} reported: same entries, bytes, modes and links,
     * nothing more.
     *
     * @throws InstallException {@code VERIFY_FAILED} naming the first difference
     */
    void verify(ComponentSpec component, StagedSlot staged, Path slot) throws InstallException, IOException;

    /** Removes what a slot holds (a directory's content; an image slot file is deleted, a partition left as is). */
    void clear(ComponentSpec component, Path slot) throws IOException;
}
