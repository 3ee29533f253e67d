package io.updraft.installer.archive.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.updraft.install.SlotFile;

/** Compares what a slot holds with what was staged into it, entry by entry in path order. */
final class SlotDiff {
    private SlotDiff() {
    }

    /** The first difference, said for a person, or null when the slot holds exactly what was staged. */
    static String first(List<SlotFile> staged, Map<String, SlotFile> actual) {
        Map<String, SlotFile> expected = new TreeMap<>();
        staged.forEach(f -> expected.put(f.path(), f));
        TreeSet<String> paths = new TreeSet<>(expected.keySet());
        paths.addAll(actual.keySet());
        for (String path : paths) {
            String d = difference(path, expected.get(path), actual.get(path));
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static String difference(String path, SlotFile want, SlotFile got) {
        if (got == null) {
            return "'" + path + "' is missing";
        }
        if (want == null) {
            return "'" + path + "' (" + got.type() + ") was not staged";
        }
        if (!want.type().equals(got.type())) {
            return "'" + path + "' is a " + got.type() + ", staged as a " + want.type();
        }
        if (!want.linkTarget().equals(got.linkTarget())) {
            return "'" + path + "' links to '" + got.linkTarget() + "', staged to '" + want.linkTarget() + "'";
        }
        if (want.length() != got.length() || !want.sha256().equals(got.sha256())) {
            return "'" + path + "' has changed content (" + got.length() + " bytes, SHA-256 " + got.sha256()
                    + "; staged " + want.length() + " bytes, " + want.sha256() + ")";
        }
        if (want.mode() != got.mode()) {
            return "'" + path + "' has mode " + octal(got.mode()) + ", staged with " + octal(want.mode());
        }
        return null;
    }

    private static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
