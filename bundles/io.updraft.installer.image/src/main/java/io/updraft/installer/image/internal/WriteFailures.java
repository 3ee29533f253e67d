package io.updraft.installer.image.internal;

import java.io.IOException;
import java.nio.file.Path;

import io.updraft.fs.Space;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;

/** Turns a failed write into the install error a caller can act on: a full disk is not a broken package. */
final class WriteFailures {
    private WriteFailures() {
    }

    /** {@code NO_SPACE} naming the slot, the payload file and the space left, or {@code STAGE_FAILED}. */
    static InstallException writing(Path slot, String file, IOException e) {
        if (Space.isExhausted(e)) {
            return new InstallException(Reason.NO_SPACE, "slot " + slot + " is full while writing '" + file + "' ("
                    + Space.usable(slot.toAbsolutePath().getParent()) + " bytes free): " + e.getMessage(), e);
        }
        return new InstallException(Reason.STAGE_FAILED, "slot " + slot + ": cannot write '" + file + "': " + e, e);
    }
}
