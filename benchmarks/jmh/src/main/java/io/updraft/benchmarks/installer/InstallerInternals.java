package io.updraft.benchmarks.installer;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import io.updraft.fs.DurableFiles;
import io.updraft.install.StagedSlot;

/**
 * The installer's own slot pointer ({@code SlotPointer.point}) and slot description ({@code SlotJson}), which are
 * package-private in {@code io.updraft.installer.internal}: reached by reflection so the benchmark times the code
 * the device runs. When that bundle is not on the class path, the pointer falls back to the same calls the layout
 * prescribes (symlink {@code current.tmp}, rename over {@code current}, fsync of the folder), and {@link #source}
 * says which one ran.
 */
final class InstallerInternals {
    private static final String PACKAGE = "io.updraft.installer.internal.";

    private final Method point;
    private final Method jsonWrite;
    private final Method jsonRead;

    private InstallerInternals(Method point, Method jsonWrite, Method jsonRead) {
        this.point = point;
        this.jsonWrite = jsonWrite;
        this.jsonRead = jsonRead;
    }

    static InstallerInternals load() {
        try {
            Class<?> pointer = Class.forName(PACKAGE + "SlotPointer");
            Class<?> json = Class.forName(PACKAGE + "SlotJson");
            Method point = pointer.getDeclaredMethod("point", Path.class, Path.class);
            Method write = json.getDeclaredMethod("write", Path.class, StagedSlot.class);
            Method read = json.getDeclaredMethod("read", Path.class);
            point.setAccessible(true);
            write.setAccessible(true);
            read.setAccessible(true);
            return new InstallerInternals(point, write, read);
        } catch (ReflectiveOperationException | LinkageError e) {
            System.err.println("io.updraft.installer not usable (" + e + "); using the layout's syscalls instead");
            return new InstallerInternals(null, null, null);
        }
    }

    String source() {
        return point != null ? "io.updraft.installer.internal.SlotPointer.point (the installer's code)"
                : "benchmark copy of the layout's calls (symlink current.tmp, rename over current, fsync folder)";
    }

    /** Makes {@code componentDir/current} point at {@code slot}, durably. */
    void point(Path componentDir, Path slot) throws IOException {
        if (point != null) {
            invoke(point, componentDir, slot);
            return;
        }
        Path dir = componentDir.toAbsolutePath().normalize();
        Path target = dir.relativize(slot.toAbsolutePath().normalize());
        Path tmp = dir.resolve("current.tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, target);
        Files.move(tmp, dir.resolve("current"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DurableFiles.syncDirectory(dir);
    }

    /** Whether the slot description is written and read as the installer does; if not, it stays in memory. */
    boolean hasSlotJson() {
        return jsonWrite != null;
    }

    void writeSlotJson(Path file, StagedSlot slot) throws IOException {
        invoke(jsonWrite, file, slot);
    }

    @SuppressWarnings("unchecked")
    StagedSlot readSlotJson(Path file) throws IOException {
        Optional<StagedSlot> slot = (Optional<StagedSlot>) invoke(jsonRead, file);
        return slot.orElseThrow(() -> new IOException(file + " holds no slot description"));
    }

    private static Object invoke(Method m, Object... args) throws IOException {
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(m + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(m + " is not accessible", e);
        }
    }
}
