package io.updraft.installer.image.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.Payload;
import io.updraft.install.PayloadFile;
import io.updraft.install.SlotFile;
import io.updraft.install.StagedSlot;

/** Images written into slot files: atomically, read back byte for byte, from raw and compressed payloads. */
public class FileSlotTest {
    private static final byte[] IMAGE = Images.random(3 << 20, 7);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final ImageInstaller installer = new ImageInstaller();
    private Path payloads;
    private Path componentDir;
    private Path slot;

    @Before
    public void setUp() throws IOException {
        payloads = tmp.newFolder("staging").toPath();
        componentDir = tmp.newFolder("components", "system").toPath();
        slot = installer.slot(Images.spec(), componentDir, "b");
    }

    @Test
    public void slotsAreFilesInTheComponentFolderUnlessDeclared() {
        assertEquals(componentDir.resolve("slots/a.img"), installer.slot(Images.spec(), componentDir, "a"));
        ComponentSpec declared = Images.spec(Map.of("a", Path.of("/dev/mmcblk0p2"), "b", Path.of("/dev/mmcblk0p3")), Map.of());
        assertEquals(Path.of("/dev/mmcblk0p3"), installer.slot(declared, componentDir, "b"));
    }

    @Test
    public void aRawImageIsWrittenAndReadBack() throws Exception {
        List<long[]> progress = new ArrayList<>();
        Payload payload = Images.payload(payloads, "system.img", IMAGE);
        StagedSlot staged = installer.stage(Images.spec(), payload, slot, (d, t) -> progress.add(new long[] {d, t}));
        assertEquals(List.of(new SlotFile("", "image", IMAGE.length, Images.sha256(IMAGE), 0, "")), staged.entries());
        assertEquals(ComponentSpec.IMAGE, staged.installKind());
        assertArrayEquals(IMAGE, Files.readAllBytes(slot));
        assertEquals(List.of("b.img"), names());
        long[] last = progress.get(progress.size() - 1);
        assertEquals(IMAGE.length, last[0]);
        assertEquals(IMAGE.length, last[1]);
        assertTrue("several progress reports: " + progress.size(), progress.size() >= 3);
        installer.verify(Images.spec(), staged, slot);
    }

    @Test
    public void compressedImagesAreDecompressedWhileWriting() throws Exception {
        for (String name : List.of("system.img.gz", "system.img.zst", "system.img.xz")) {
            StagedSlot staged = installer.stage(Images.spec(), Images.payload(payloads.resolve(name + ".d"), name, IMAGE),
                    slot, (d, t) -> { });
            assertEquals(name, Images.sha256(IMAGE), staged.entries().get(0).sha256());
            assertArrayEquals(name, IMAGE, Files.readAllBytes(slot));
            installer.verify(Images.spec(), staged, slot);
        }
    }

    @Test
    public void verifyFindsOneFlippedByte() throws Exception {
        StagedSlot staged = installer.stage(Images.spec(), Images.payload(payloads, "system.img", IMAGE), slot, (d, t) -> { });
        try (FileChannel ch = FileChannel.open(slot, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {(byte) (IMAGE[1_000_000] ^ 1)}), 1_000_000);
        }
        assertVerifyFails(staged, "SHA-256");
    }

    @Test
    public void verifyFindsAGrownOrMissingFile() throws Exception {
        StagedSlot staged = installer.stage(Images.spec(), Images.payload(payloads, "system.img", IMAGE), slot, (d, t) -> { });
        Files.write(slot, new byte[] {0}, StandardOpenOption.APPEND);
        assertVerifyFails(staged, (IMAGE.length + 1) + " bytes");
        installer.clear(Images.spec(), slot);
        assertFalse(Files.exists(slot));
        assertVerifyFails(staged, "missing");
    }

    @Test
    public void moreThanOnePayloadFileIsABadPackage() throws Exception {
        Payload one = Images.payload(payloads, "boot.img", new byte[] {1});
        Images.payload(payloads, "root.img", new byte[] {2});
        Payload two = new Payload(one.component(), one.version(), one.installKind(), payloads, List.of(one.files().get(0),
                new PayloadFile("root.img", 1, Images.sha256(new byte[] {2}), 0644)), 2);
        InstallException e = assertStageFails(Images.spec(), two, Reason.BAD_PACKAGE);
        assertTrue(e.getMessage(), e.getMessage().contains("[boot.img, root.img]"));
    }

    @Test
    public void anImageExpandingBeyondMaxBytesIsStoppedAndLeavesNoFile() throws Exception {
        Payload payload = Images.payload(payloads, "zeros.img.zst", new byte[8 << 20]);
        InstallException e = assertStageFails(Images.spec(Map.of(), Map.of(ImageInstaller.MAX_BYTES, "1MiB")), payload,
                Reason.BAD_PACKAGE);
        assertTrue(e.getMessage(), e.getMessage().contains("maxBytes"));
        assertEquals(List.of(), names());
    }

    @Test
    public void aCorruptCompressedImageIsABadPackage() throws Exception {
        Files.write(payloads.resolve("system.img.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        InstallException e = assertStageFails(Images.spec(), Images.payloadOf(payloads, "system.img.gz"), Reason.BAD_PACKAGE);
        assertTrue(e.getMessage(), e.getMessage().contains("system.img.gz"));
        assertEquals(List.of(), names());
    }

    @Test
    public void aMissingPartitionIsNeverCreatedAsAFile() throws Exception {
        Path missing = Path.of("/dev/updraft-test-no-such-partition");
        ComponentSpec spec = Images.spec(Map.of("a", missing, "b", missing.resolveSibling("other")), Map.of());
        InstallException e = assertStageFails(spec, Images.payload(payloads, "system.img", IMAGE), missing, Reason.STAGE_FAILED);
        assertTrue(e.getMessage(), e.getMessage().contains(missing.toString()));
        assertFalse(Files.exists(missing));
    }

    @Test
    public void restagingReplacesTheOldImageAndClearRemovesIt() throws Exception {
        installer.stage(Images.spec(), Images.payload(payloads, "system.img", IMAGE), slot, (d, t) -> { });
        byte[] next = Images.random(1000, 8);
        StagedSlot staged = installer.stage(Images.spec(), Images.payload(payloads.resolve("v2"), "system.img", next),
                slot, (d, t) -> { });
        assertArrayEquals(next, Files.readAllBytes(slot));
        installer.verify(Images.spec(), staged, slot);
        installer.clear(Images.spec(), slot);
        assertEquals(List.of(), names());
    }

    private InstallException assertStageFails(ComponentSpec spec, Payload payload, Reason reason) throws Exception {
        return assertStageFails(spec, payload, slot, reason);
    }

    private InstallException assertStageFails(ComponentSpec spec, Payload payload, Path into, Reason reason)
            throws Exception {
        try {
            installer.stage(spec, payload, into, (d, t) -> { });
            fail("staged " + payload.files());
            return null;
        } catch (InstallException e) {
            assertEquals(e.getMessage(), reason, e.reason());
            assertTrue(e.getMessage(), e.getMessage().startsWith("component system: "));
            return e;
        }
    }

    private void assertVerifyFails(StagedSlot staged, String says) throws IOException {
        try {
            installer.verify(Images.spec(), staged, slot);
            fail("verified a changed slot");
        } catch (InstallException e) {
            assertEquals(Reason.VERIFY_FAILED, e.reason());
            assertTrue(e.getMessage() + " says " + says, e.getMessage().contains(says));
        }
    }

    private List<String> names() throws IOException {
        Path dir = slot.getParent();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
