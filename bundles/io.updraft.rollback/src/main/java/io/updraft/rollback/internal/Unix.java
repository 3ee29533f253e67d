package io.updraft.rollback.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Permission bits and owners through the JDK's {@code unix} attribute view, never following links. */
final class Unix {
    /** The permission bits including set-id and sticky. */
    static final int MODE_BITS = 07777;

    private Unix() {
    }

    static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & MODE_BITS;
    }

    static int uid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    static int gid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }

    static void setMode(Path p, int mode) throws IOException {
        Files.setAttribute(p, "unix:mode", mode & MODE_BITS, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Gives {@code p} the recorded owner when it differs. Changing owners needs privileges the runtime may lack;
     * then the file keeps the runtime's user and the caller is told so.
     *
     * @return false if the owner could not be changed
     */
    static boolean setOwner(Path p, int uid, int gid) throws IOException {
        if (uid < 0 || gid < 0 || (uid(p) == uid && gid(p) == gid)) {
            return true;
        }
        try {
            Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            return true;
        } catch (java.nio.file.FileSystemException e) {
            return false;
        }
    }
}
