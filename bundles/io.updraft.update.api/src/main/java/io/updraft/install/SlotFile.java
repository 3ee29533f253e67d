package io.updraft.install;

import java.util.Objects;

/**
 * One entry of a staged slot, as the installer recorded it after writing and checks it again later.
 *
 * @param path relative path inside the slot with '/' separators; the empty string for an image's whole content
 * @param type {@code file}, {@code dir}, {@code link} or {@code image}
 * @param length bytes of a file or image; 0 otherwise
 * @param sha256 lower-case hex of a file's or image's bytes; empty otherwise
 * @param mode POSIX permission bits of files and directories; 0 for links
 * @param linkTarget the target of a link as stored; empty otherwise
 */
public record SlotFile(String path, String type, long length, String sha256, int mode, String linkTarget) {
    public SlotFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        sha256 = sha256 == null ? "" : sha256;
        linkTarget = linkTarget == null ? "" : linkTarget;
    }
}
