package io.updraft.rollback.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.After;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.SlotFile;
import io.updraft.install.Snapshot;
import io.updraft.install.SnapshotService.Part;
import io.updraft.install.StagedSlot;
import io.updraft.update.Version;

/**
 * An image slot on a partition: a loop device stands in for it, named through a link the way
 * {@code /dev/disk/by-partlabel/...} names partitions. Loop devices need root; without it this test is skipped and
 * the slot-file variant in {@link RoundTripTest} still covers the archive side.
 */
public class PartitionTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private String device;

    @After
    public void detach() throws Exception {
        if (device != null) {
            new ProcessBuilder("losetup", "-d", device).inheritIO().start().waitFor();
        }
    }

    @Test
    public void imageOnAPartitionIsSnapshottedAndWrittenBackInPlace() throws Exception {
        Assume.assumeTrue("loop devices need root", "root".equals(System.getProperty("user.name")));
        Path backing = tmp.newFile("partition").toPath();
        try (RandomAccessFile f = new RandomAccessFile(backing.toFile(), "rw")) {
            f.setLength(4 * 1024 * 1024);
        }
        Process p = new ProcessBuilder("losetup", "-f", "--show", backing.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Assume.assumeTrue("no loop device available: " + out, p.waitFor() == 0 && out.startsWith("/dev/loop"));
        device = out;
        Path byLabel = tmp.newFolder("by-partlabel").toPath().resolve("firmware_a");
        Files.createSymbolicLink(byLabel, Path.of(device));

        byte[] image = new byte[3 * 1024 * 1024];
        new Random(3).nextBytes(image);
        write(device, image);
        java.security.MessageDigest d = Hashes.sha256();
        d.update(image);
        StagedSlot staged = new StagedSlot("firmware", Version.parse("1.0.0"), "image",
                List.of(new SlotFile("", "image", image.length, Hashes.hex(d), 0, "")));
        SnapshotComponent service = new SnapshotComponent(Fixtures.config(tmp.newFolder("home").toPath(), 2),
                Fixtures.ticking(Instant.parse("2026-11-23T17:00:00Z")));
        Snapshot s = service.create(Fixtures.spec("firmware", "image", List.of(), List.of()), staged, byLabel);

        write(device, new byte[image.length]);
        assertEquals(staged, service.restore(s, Set.of(Part.SLOT), byLabel));
        byte[] back = new byte[image.length];
        try (RandomAccessFile f = new RandomAccessFile(device, "r")) {
            f.readFully(back);
        }
        assertArrayEquals(image, back);
        assertTrue("the link still names the partition", Files.isSymbolicLink(byLabel));
    }

    private static void write(String device, byte[] bytes) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(device, "rw")) {
            f.write(bytes);
            f.getFD().sync();
        }
    }
}
