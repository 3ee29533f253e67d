package io.updraft.installer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.updraft.fs.DurableFiles;
import io.updraft.install.ComponentInstaller;
import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.InstallProgress;
import io.updraft.install.Payload;
import io.updraft.install.PayloadFile;
import io.updraft.install.SlotFile;
import io.updraft.install.StagedSlot;

/**
 * A test installer of plain file trees: copies each payload file into the slot directory, syncs every file and
 * directory, and verifies by hashing the slot again. {@link #failAfter} makes staging fail after that many files.
 */
final class TreeInstaller implements ComponentInstaller {
    final AtomicInteger failAfter = new AtomicInteger(-1);
    private final String kind;

    TreeInstaller(String kind) {
        this.kind = kind;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public Path slot(ComponentSpec component, Path componentDir, String slot) {
        return componentDir.resolve("slots").resolve(slot);
    }

    @Override
    public StagedSlot stage(ComponentSpec component, Payload payload, Path slot, InstallProgress progress)
            throws InstallException, IOException {
        DurableFiles.createDirectories(slot);
        long done = 0;
        int n = 0;
        for (PayloadFile f : payload.files()) {
            if (failAfter.get() >= 0 && n++ >= failAfter.get()) {
                throw new InstallException(Reason.STAGE_FAILED, "component " + component.name() + ": writing "
                        + f.path() + " failed (test)");
            }
            Path target = slot.resolve(f.path());
            DurableFiles.createDirectories(target.getParent());
            byte[] bytes = Files.readAllBytes(payload.directory().resolve(f.path()));
            try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.setPosixFilePermissions(target, perms(f.mode()));
            DurableFiles.syncDirectory(target.getParent());
            done += bytes.length;
            progress.bytes(done, payload.totalBytes());
        }
        DurableFiles.syncDirectory(slot);
        return new StagedSlot(component.name(), payload.version(), kind, describe(slot));
    }

    @Override
    public void verify(ComponentSpec component, StagedSlot staged, Path slot) throws InstallException, IOException {
        List<SlotFile> actual = describe(slot);
        if (!actual.equals(staged.entries())) {
            throw new InstallException(Reason.VERIFY_FAILED, "slot " + slot + " of " + component.name()
                    + " differs from its description: " + actual + " vs " + staged.entries());
        }
    }

    @Override
    public void clear(ComponentSpec component, Path slot) throws IOException {
        if (!Files.isDirectory(slot)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(slot)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                if (!p.equals(slot)) {
                    Files.delete(p);
                }
            }
        }
        DurableFiles.syncDirectory(slot);
    }

    static List<SlotFile> describe(Path slot) throws IOException {
        List<SlotFile> out = new ArrayList<>();
        if (!Files.isDirectory(slot)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(slot)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (p.equals(slot)) {
                    continue;
                }
                String rel = slot.relativize(p).toString();
                int mode = mode(Files.getPosixFilePermissions(p));
                if (Files.isDirectory(p)) {
                    out.add(new SlotFile(rel, "dir", 0, "", mode, ""));
                } else {
                    out.add(new SlotFile(rel, "file", Files.size(p), sha256(p), mode, ""));
                }
            }
        }
        return out;
    }

    static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[8192];
            for (int r = in.read(buf); r > 0; r = in.read(buf)) {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<PosixFilePermission> perms(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values();
        for (int i = 0; i < 9; i++) {
            if ((mode & (0400 >> i)) != 0) {
                s.add(all[i]);
            }
        }
        return s;
    }

    private static int mode(Set<PosixFilePermission> perms) {
        int m = 0;
        PosixFilePermission[] all = PosixFilePermission.values();
        for (int i = 0; i < 9; i++) {
            if (perms.contains(all[i])) {
                m |= 0400 >> i;
            }
        }
        return m;
    }
}
