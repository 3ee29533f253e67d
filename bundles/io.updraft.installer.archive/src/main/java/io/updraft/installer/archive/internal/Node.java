package io.updraft.installer.archive.internal;

import io.updraft.install.SlotFile;

/**
 * One entry written into a slot, as the writer keeps track of it.
 *
 * @param implied a directory made because a path needed it, which an archive entry may still describe later
 */
record Node(String type, int mode, long length, String sha256, String linkTarget, boolean implied) {
    static final String FILE = "file";
    static final String DIR = "dir";
    static final String LINK = "link";

    /** Mode of directories no archive entry describes. */
    static final int IMPLIED_DIR_MODE = 0755;

    static Node impliedDir() {
        return new Node(DIR, IMPLIED_DIR_MODE, 0, "", "", true);
    }

    static Node dir(int mode) {
        return new Node(DIR, mode, 0, "", "", false);
    }

    static Node file(int mode, long length, String sha256) {
        return new Node(FILE, mode, length, sha256, "", false);
    }

    static Node link(String target) {
        return new Node(LINK, 0, 0, "", target, false);
    }

    SlotFile toSlotFile(String path) {
        return new SlotFile(path, type, length, sha256, mode, linkTarget);
    }
}
