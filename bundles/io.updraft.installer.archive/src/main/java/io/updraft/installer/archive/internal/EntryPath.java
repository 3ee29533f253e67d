package io.updraft.installer.archive.internal;

import java.util.ArrayList;
import java.util.List;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;

/**
 * A checked, normalised relative path inside a slot: never empty, never absolute, no {@code ..} part, no NUL.
 * {@code .} parts, empty parts and a trailing '/' (tar's directory marker) are dropped, so {@code ./bin//x/} and
 * {@code bin/x} name the same entry and a second one is caught as a duplicate.
 */
record EntryPath(String path, List<String> parts) {

    EntryPath {
        parts = List.copyOf(parts);
    }

    /**
     * @param raw the name as the archive or manifest spells it
     * @throws InstallException {@code UNSAFE_ARCHIVE} naming {@code raw} when it could leave the slot
     */
    static EntryPath parse(String raw) throws InstallException {
        if (raw == null || raw.isEmpty()) {
            throw unsafe(String.valueOf(raw), "has an empty name");
        }
        if (raw.indexOf('\0') >= 0) {
            throw unsafe(raw.replace('\0', '?'), "has a NUL character in its name");
        }
        if (raw.startsWith("/")) {
            throw unsafe(raw, "has an absolute name");
        }
        List<String> parts = new ArrayList<>();
        for (String part : raw.split("/")) {
            if (part.equals("..")) {
                throw unsafe(raw, "has a '..' part in its name");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            return root();
        }
        return new EntryPath(String.join("/", parts), parts);
    }

    /** The slot itself ({@code ./} in many archives). */
    static EntryPath root() {
        return new EntryPath("", List.of());
    }

    boolean isRoot() {
        return parts.isEmpty();
    }

    /** The path of the first {@code count} parts. */
    String prefix(int count) {
        return String.join("/", parts.subList(0, count));
    }

    /** The parts of the directory holding this entry. */
    List<String> parentParts() {
        return parts.subList(0, parts.size() - 1);
    }

    static InstallException unsafe(String entry, String why) {
        return new InstallException(Reason.UNSAFE_ARCHIVE, "archive entry '" + entry + "' " + why);
    }
}
