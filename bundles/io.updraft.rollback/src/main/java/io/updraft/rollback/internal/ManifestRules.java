package io.updraft.rollback.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;

/**
 * Checks a manifest the way an untrusted archive is checked: every name relative and free of {@code .}/{@code ..}
 * parts, every entry below a directory listed before it, slot links staying inside the slot, configuration and data
 * entries under the path they were taken from. A snapshot that passes cannot make a restore write outside its
 * targets.
 */
final class ManifestRules {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,5}");
    private static final int MAX_NAME = 4096;
    /** The kernel's own limit on links followed while resolving one path. */
    private static final int MAX_HOPS = 40;

    private ManifestRules() {
    }

    static void check(InnerManifest m, String where) throws InstallException {
        for (String p : m.configPaths()) {
            checkRootPath(p, "configuration path", where);
        }
        for (String p : m.dataPaths()) {
            checkRootPath(p, "data path", where);
        }
        Set<String> names = new HashSet<>();
        Set<String> dirs = new HashSet<>();
        dirs.add("slot");
        Map<String, ManifestEntry> slotEntries = new LinkedHashMap<>();
        int[] roots = new int[2];
        boolean image = false;
        boolean tree = false;
        for (ManifestEntry e : m.entries()) {
            String name = e.name();
            if (name.isEmpty() || name.length() > MAX_NAME || name.indexOf('\0') >= 0) {
                throw bad(where, name, "is not a valid entry name");
            }
            if (!names.add(name)) {
                throw bad(where, name, "is listed twice");
            }
            String[] seg = name.split("/", -1);
            for (String s : seg) {
                if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                    throw bad(where, name, "has an empty, '.' or '..' part");
                }
            }
            checkFields(e, where);
            switch (seg[0]) {
                case "slot.img":
                    if (seg.length != 1 || !ManifestEntry.IMAGE.equals(e.type()) || tree || image) {
                        throw bad(where, name, "must be the only slot entry, of type image");
                    }
                    image = true;
                    break;
                case "slot":
                    if (seg.length < 2 || image || !isTreeType(e.type())) {
                        throw bad(where, name, "of type " + e.type() + " does not belong in a slot tree");
                    }
                    tree = true;
                    requireParent(name, dirs, where);
                    String rel = name.substring("slot/".length());
                    if (!rel.equals(e.origin())) {
                        throw bad(where, name, "claims origin '" + e.origin() + "'");
                    }
                    slotEntries.put(rel, e);
                    break;
                case "config":
                case "data":
                    List<String> paths = seg[0].equals("config") ? m.configPaths() : m.dataPaths();
                    int part = seg[0].equals("config") ? 0 : 1;
                    if (seg.length < 2 || !INDEX.matcher(seg[1]).matches() || Integer.parseInt(seg[1]) >= paths.size()) {
                        throw bad(where, name, "names no recorded " + seg[0] + " path");
                    }
                    int index = Integer.parseInt(seg[1]);
                    String root = seg[0] + "/" + index;
                    if (seg.length == 2) {
                        // Roots come in order, one per recorded path, so none can be skipped or doubled.
                        if (index != roots[part]++ || !(isTreeType(e.type()) || ManifestEntry.ABSENT.equals(e.type()))) {
                            throw bad(where, name, "is out of order or of type " + e.type());
                        }
                        if (!paths.get(index).equals(e.origin())) {
                            throw bad(where, name, "claims origin '" + e.origin() + "', recorded " + paths.get(index));
                        }
                    } else {
                        if (!isTreeType(e.type()) || !dirs.contains(root)) {
                            throw bad(where, name, "of type " + e.type() + " is not inside a snapshotted directory");
                        }
                        requireParent(name, dirs, where);
                        String expected = paths.get(index) + name.substring(root.length());
                        if (!expected.equals(e.origin())) {
                            throw bad(where, name, "claims origin '" + e.origin() + "', expected " + expected);
                        }
                    }
                    break;
                default:
                    throw bad(where, name, "is not part of a snapshot");
            }
            if (ManifestEntry.DIR.equals(e.type())) {
                dirs.add(name);
            }
        }
        for (Map.Entry<String, ManifestEntry> e : slotEntries.entrySet()) {
            if (ManifestEntry.LINK.equals(e.getValue().type())) {
                checkSlotLink(e.getKey(), e.getValue().linkTarget(), e.getValue().name(), where, slotEntries);
            }
        }
        if (roots[0] != m.configPaths().size() || roots[1] != m.dataPaths().size()) {
            throw new InstallException(Reason.NO_SNAPSHOT, where + ": " + InnerManifest.NAME + " lists " + roots[0]
                    + " configuration and " + roots[1] + " data entries for " + m.configPaths().size() + " and "
                    + m.dataPaths().size() + " recorded paths");
        }
    }

    private static boolean isTreeType(String type) {
        return ManifestEntry.FILE.equals(type) || ManifestEntry.DIR.equals(type) || ManifestEntry.LINK.equals(type);
    }

    private static void checkFields(ManifestEntry e, String where) throws InstallException {
        if (e.mode() < 0 || e.mode() > Unix.MODE_BITS || e.length() < 0 || e.uid() < -1 || e.gid() < -1) {
            throw bad(where, e.name(), "has mode " + Integer.toOctalString(e.mode()) + ", length " + e.length()
                    + ", owner " + e.uid() + ":" + e.gid());
        }
        if (e.hasContent() != HEX64.matcher(e.sha256()).matches() || (!e.hasContent() && e.length() != 0)) {
            throw bad(where, e.name(), "has sha256 '" + e.sha256() + "' and length " + e.length() + " for type " + e.type());
        }
        boolean link = ManifestEntry.LINK.equals(e.type());
        if (link == e.linkTarget().isEmpty() || e.linkTarget().indexOf('\0') >= 0) {
            throw bad(where, e.name(), "has link target '" + e.linkTarget() + "' for type " + e.type());
        }
    }

    private static void requireParent(String name, Set<String> dirs, String where) throws InstallException {
        String parent = name.substring(0, name.lastIndexOf('/'));
        if (!dirs.contains(parent)) {
            throw bad(where, name, "is not below a directory listed before it");
        }
    }

    /**
     * A slot is moved between places, so its links must be relative and resolve inside it, followed through the
     * slot's other links as the kernel follows them ({@code d/up -> ..} then {@code esc -> d/up/..} leaves it).
     * Going up from a part the slot does not hold (or from a file) is refused too: what is created there later
     * decides where such a link leads.
     */
    static void checkSlotLink(String rel, String target, String name, String where, Map<String, ManifestEntry> slot)
            throws InstallException {
        if (target.startsWith("/")) {
            throw new InstallException(Reason.NO_SNAPSHOT, where + ": link '" + name + "' has the absolute target '"
                    + target + "'; slot links must stay inside the slot");
        }
        Deque<String> path = new ArrayDeque<>(List.of(rel.split("/")));
        path.removeLast();
        Deque<String> pending = new ArrayDeque<>(List.of(target.split("/")));
        boolean unknown = false;
        int hops = 0;
        while (!pending.isEmpty()) {
            String s = pending.pop();
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (path.isEmpty() || unknown) {
                    throw new InstallException(Reason.NO_SNAPSHOT, where + ": link '" + name + "' -> '" + target
                            + "' points out of the slot" + (unknown ? " (it goes up from a part the slot does not hold)" : ""));
                }
                path.removeLast();
                continue;
            }
            path.addLast(s);
            ManifestEntry e = unknown ? null : slot.get(String.join("/", path));
            if (e != null && ManifestEntry.LINK.equals(e.type())) {
                path.removeLast();
                if (++hops > MAX_HOPS || e.linkTarget().startsWith("/")) {
                    throw new InstallException(Reason.NO_SNAPSHOT, where + ": link '" + name + "' -> '" + target
                            + "' resolves through more than " + MAX_HOPS + " links or an absolute one");
                }
                List<String> via = List.of(e.linkTarget().split("/"));
                for (int i = via.size() - 1; i >= 0; i--) {
                    pending.push(via.get(i));
                }
                continue;
            }
            unknown = e == null || !ManifestEntry.DIR.equals(e.type());
        }
    }

    private static void checkRootPath(String p, String what, String where) throws InstallException {
        java.nio.file.Path path;
        try {
            path = java.nio.file.Path.of(p);
        } catch (java.nio.file.InvalidPathException e) {
            throw new InstallException(Reason.NO_SNAPSHOT, where + ": " + what + " '" + p + "' is not a path");
        }
        if (!path.isAbsolute() || !path.normalize().toString().equals(p) || path.getParent() == null) {
            throw new InstallException(Reason.NO_SNAPSHOT, where + ": " + what + " '" + p
                    + "' must be absolute, normalised and not the root");
        }
    }

    private static InstallException bad(String where, String name, String what) {
        return new InstallException(Reason.NO_SNAPSHOT, where + ": entry '" + name + "' " + what);
    }
}
