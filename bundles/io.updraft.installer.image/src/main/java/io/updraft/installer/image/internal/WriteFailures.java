package io.updraft.installer.image.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;

/** Turns a failed write into the install error a caller can act on: a full disk is not a broken package. */
final class WriteFailures {
    private WriteFailures() {
    }

    /** Whether {@code e} is ENOSPC or EDQUOT, which the JDK reports only through the message. */
    static boolean isNoSpace(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code NO_SPACE} naming the slot, the payload file and the space left, or {@code STAGE_FAILED}. */
    static InstallException writing(Path slot, String file, IOException e) {
        if (isNoSpace(e)) {
            return new InstallException(Reason.NO_SPACE, "slot " + slot + " is full while writing '" + file + "' ("
                    + usable(slot.toAbsolutePath().getParent()) + " bytes free): " + e.getMessage(), e);
        }
        return new InstallException(Reason.STAGE_FAILED, "slot " + slot + ": cannot write '" + file + "': " + e, e);
    }

    /** Bytes usable by this process where {@code p} lives, or -1 if that cannot be told. */
    static long usable(Path p) {
        try {
            return Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }
}
