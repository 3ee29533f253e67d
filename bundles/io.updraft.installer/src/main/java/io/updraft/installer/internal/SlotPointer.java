package io.updraft.installer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import io.updraft.fs.DurableFiles;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;

/**
 * The {@code current} symbolic link of a component, which names its active slot, and the component's optional
 * outside {@code link}. Both are only ever replaced by renaming a new link over the old one, then syncing the
 * directory: after a power cut a link points at the old slot or at the new one.
 */
final class SlotPointer {
    static final String CURRENT = "current";
    /** What {@link #ensureLink} reports for a link that did not exist. */
    static final String ABSENT = "-";
    /** What {@link #ensureLink} reports for a link that already pointed at the component. */
    static final String UNCHANGED = "=";

    private SlotPointer() {
    }

    /** Where {@code current} points, absolute and normalised; empty when there is no {@code current}. */
    static Optional<Path> target(Path componentDir) throws IOException {
        Path current = componentDir.resolve(CURRENT);
        if (!Files.isSymbolicLink(current)) {
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(current + " is not a symbolic link; move it away so the slots can be managed");
            }
            return Optional.empty();
        }
        return Optional.of(componentDir.resolve(Files.readSymbolicLink(current)).normalize());
    }

    /**
     * The active slot's name: {@code a} or {@code b} when {@code current} points at one of {@code slotA},
     * {@code slotB}; empty when there is no {@code current}.
     *
     * @throws IOException if {@code current} points anywhere else
     */
    static String active(Path componentDir, Path slotA, Path slotB) throws IOException {
        Optional<Path> target = target(componentDir);
        if (target.isEmpty()) {
            return "";
        }
        if (target.get().equals(slotA.toAbsolutePath().normalize())) {
            return "a";
        }
        if (target.get().equals(slotB.toAbsolutePath().normalize())) {
            return "b";
        }
        throw new IOException(componentDir.resolve(CURRENT) + " points at " + target.get()
                + ", which is neither slot a (" + slotA + ") nor slot b (" + slotB + ")");
    }

    /** Makes {@code current} point at {@code slot}: relative inside the component folder, absolute elsewhere. */
    static void point(Path componentDir, Path slot) throws IOException {
        Path abs = slot.toAbsolutePath().normalize();
        Path dir = componentDir.toAbsolutePath().normalize();
        Path target = abs.startsWith(dir) ? dir.relativize(abs) : abs;
        replaceLink(dir.resolve(CURRENT), target, CURRENT + ".tmp");
    }

    /** Removes {@code current}: the component has no active slot any more. */
    static void remove(Path componentDir) throws IOException {
        if (Files.deleteIfExists(componentDir.resolve(CURRENT))) {
            DurableFiles.syncDirectory(componentDir);
        }
        Files.deleteIfExists(componentDir.resolve(CURRENT + ".tmp"));
    }

    /**
     * Makes {@code link} a symbolic link to the component's {@code current}.
     *
     * @return what was there before: {@link #ABSENT}, {@link #UNCHANGED} or the previous link target
     * @throws InstallException {@code BAD_PACKAGE} if {@code link} exists and is not a symbolic link
     */
    static String ensureLink(String component, Path link, Path componentDir) throws InstallException, IOException {
        Path wanted = componentDir.toAbsolutePath().normalize().resolve(CURRENT);
        String before = linkState(component, link, wanted);
        if (!UNCHANGED.equals(before)) {
            DurableFiles.createDirectories(link.getParent());
            replaceLink(link, wanted, outsideTemp(link));
        }
        return before;
    }

    /** What {@link #ensureLink} would report now, without changing anything. */
    static String linkState(String component, Path link, Path wanted) throws InstallException, IOException {
        if (Files.isSymbolicLink(link)) {
            Path target = Files.readSymbolicLink(link);
            return target.equals(wanted) ? UNCHANGED : target.toString();
        }
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            throw new InstallException(Reason.BAD_PACKAGE, "component " + component + ": link " + link
                    + " exists and is not a symbolic link; refusing to replace it");
        }
        return ABSENT;
    }

    /** Puts {@code link} back as {@link #ensureLink} found it. */
    static void restoreLink(Path link, String before) throws IOException {
        if (UNCHANGED.equals(before)) {
            return;
        }
        if (ABSENT.equals(before)) {
            if (Files.isSymbolicLink(link) && Files.deleteIfExists(link)) {
                DurableFiles.syncDirectory(link.getParent());
            }
            return;
        }
        replaceLink(link, Path.of(before), outsideTemp(link));
    }

    /** A hidden name beside an outside link, unlikely to be anyone else's file. */
    private static String outsideTemp(Path link) {
        return "." + link.getFileName() + ".updraft-tmp";
    }

    private static void replaceLink(Path link, Path target, String tmpName) throws IOException {
        Path tmp = link.resolveSibling(tmpName);
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, target);
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DurableFiles.syncDirectory(link.toAbsolutePath().getParent());
    }
}
