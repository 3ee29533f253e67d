package io.updraft.logforwarder.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Reads the files holding credentials, refusing any that other users can read. */
final class Secrets {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private Secrets() {
    }

    /**
     * Refuses a file that its group or others may access: a credential readable by other accounts on the device
     * is a credential anyone on the device can use.
     */
    static void requirePrivate(Path file, String what) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            // No POSIX permissions (e.g. FAT): nothing to check against.
            return;
        }
        Set<PosixFilePermission> open = EnumSet.copyOf(OTHERS);
        open.retainAll(permissions);
        if (!open.isEmpty()) {
            throw new IOException(what + " " + file + " is accessible to other users (" + open
                    + "); restrict it with chmod 600 " + file);
        }
    }

    /** The bearer token: the file's content without surrounding white space. */
    static String token(Path file) throws IOException {
        requirePrivate(file, "token file");
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IOException("token file " + file + " is empty");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IOException("token file " + file + " holds a character not allowed in a bearer token "
                        + "at position " + i + "; it must hold the token alone");
            }
        }
        return token;
    }
}
