package io.updraft.installer.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.Payload;
import io.updraft.install.PayloadFile;

/** Copies a payload that is a file tree into the slot, each file at its path with the mode of the signed manifest. */
final class TreeStager {
    private TreeStager() {
    }

    static void copy(Payload payload, SlotWriter writer) throws InstallException, InterruptedException {
        List<PayloadFile> files = payload.files().stream().sorted(Comparator.comparing(PayloadFile::path)).toList();
        for (PayloadFile f : files) {
            EntryPath path = EntryPath.parse(f.path());
            Path source = payload.directory().resolve(path.path());
            String sha;
            try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
                sha = writer.file(path, f.mode(), f.length(), in, f.path());
            } catch (IOException e) {
                throw new InstallException(Reason.BAD_PACKAGE, "payload file " + f.path() + " cannot be read from "
                        + payload.directory() + ": " + e.getMessage(), e);
            }
            if (!sha.equals(f.sha256().toLowerCase(Locale.ROOT))) {
                throw new InstallException(Reason.BAD_PACKAGE, "payload file " + f.path() + " has SHA-256 " + sha
                        + ", not the verified " + f.sha256() + ": it changed after verification");
            }
        }
    }
}
