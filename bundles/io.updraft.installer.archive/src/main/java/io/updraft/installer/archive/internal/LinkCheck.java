package io.updraft.installer.archive.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.updraft.install.InstallException;

/**
 * Decides whether a symbolic link stays inside the slot, resolving its target the way the kernel will: through the
 * links already written (so {@code y -> x/..} with {@code x -> .} is seen to leave the slot), and never going up
 * from a part that does not exist yet, since a later entry could make that part a link.
 */
final class LinkCheck {
    /** The kernel's own limit on links followed while resolving one path. */
    private static final int MAX_HOPS = 40;

    private LinkCheck() {
    }

    /**
     * @param nodes what the slot holds so far, by path
     * @param linkDir the parts of the directory the link is in
     * @param target the link's target as the archive gives it
     * @param entry the archive entry, for messages
     * @throws InstallException {@code UNSAFE_ARCHIVE} naming the entry and the target
     */
    static void requireInside(Map<String, Node> nodes, List<String> linkDir, String target, String entry)
            throws InstallException {
        if (target == null || target.isEmpty()) {
            throw EntryPath.unsafe(entry, "is a symbolic link with an empty target");
        }
        if (target.indexOf('\0') >= 0) {
            throw EntryPath.unsafe(entry, "is a symbolic link whose target has a NUL character");
        }
        if (target.startsWith("/")) {
            throw EntryPath.unsafe(entry, "is a symbolic link to the absolute path '" + target + "'");
        }
        List<String> resolved = new ArrayList<>(linkDir);
        Deque<String> pending = new ArrayDeque<>(List.of(target.split("/")));
        boolean unknown = false;
        int hops = 0;
        while (!pending.isEmpty()) {
            String part = pending.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (unknown) {
                    throw EntryPath.unsafe(entry, "is a symbolic link to '" + target
                            + "', which goes up from a part not yet in the slot");
                }
                if (resolved.isEmpty()) {
                    throw EntryPath.unsafe(entry, "is a symbolic link to '" + target + "', outside the slot");
                }
                resolved.remove(resolved.size() - 1);
                continue;
            }
            Node node = unknown ? null : nodes.get(join(resolved, part));
            if (node != null && node.type().equals(Node.LINK)) {
                if (++hops > MAX_HOPS) {
                    throw EntryPath.unsafe(entry, "is a symbolic link to '" + target + "' through more than "
                            + MAX_HOPS + " links");
                }
                List<String> via = List.of(node.linkTarget().split("/"));
                for (int i = via.size() - 1; i >= 0; i--) {
                    pending.push(via.get(i));
                }
                continue;
            }
            // A file in the middle of a path makes the link dangle; nothing below it can be followed either.
            unknown = node == null || node.type().equals(Node.FILE);
            resolved.add(part);
        }
    }

    private static String join(List<String> parts, String last) {
        return parts.isEmpty() ? last : String.join("/", parts) + "/" + last;
    }
}
