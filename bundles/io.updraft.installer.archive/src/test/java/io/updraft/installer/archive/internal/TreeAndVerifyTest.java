package io.updraft.installer.archive.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.Payload;
import io.updraft.install.PayloadFile;
import io.updraft.install.SlotFile;
import io.updraft.install.StagedSlot;

/** Payloads that are file trees, and verification catching every kind of change to a staged slot. */
public class TreeAndVerifyTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Fixture fx;
    private Path slot;

    @Before
    public void setUp() throws IOException {
        fx = new Fixture(tmp.getRoot().toPath());
        slot = fx.slot("a");
    }

    private StagedSlot stageTree() throws Exception {
        Map<String, byte[]> content = new LinkedHashMap<>();
        content.put("bin/run", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        content.put("share/doc/README", "read me".getBytes(StandardCharsets.UTF_8));
        content.put("etc/robot.conf", "speed=3\n".getBytes(StandardCharsets.UTF_8));
        Payload payload = fx.treePayload(content, Map.of("bin/run", 0755, "etc/robot.conf", 0640));
        List<long[]> progress = new ArrayList<>();
        StagedSlot staged = fx.installer.stage(Fixture.spec(), payload, slot, (d, t) -> progress.add(new long[] {d, t}));
        long[] last = progress.get(progress.size() - 1);
        assertEquals(payload.totalBytes(), last[0]);
        assertEquals(payload.totalBytes(), last[1]);
        return staged;
    }

    @Test
    public void aTreeIsCopiedWithItsModes() throws Exception {
        StagedSlot staged = stageTree();
        assertEquals(List.of("bin", "bin/run", "etc", "etc/robot.conf", "share", "share/doc", "share/doc/README"),
                staged.entries().stream().map(SlotFile::path).toList());
        assertEquals(0755, SlotTree.mode(slot.resolve("bin/run")));
        assertEquals(0640, SlotTree.mode(slot.resolve("etc/robot.conf")));
        assertEquals(0644, SlotTree.mode(slot.resolve("share/doc/README")));
        assertEquals("read me", Files.readString(slot.resolve("share/doc/README")));
        fx.installer.verify(Fixture.spec(), staged, slot);
    }

    @Test
    public void aSingleFileThatIsNoArchiveIsCopiedAsIs() throws Exception {
        StagedSlot staged = fx.installer.stage(Fixture.spec(),
                fx.treePayload(Map.of("robot.bin", new byte[] {1, 2, 3}), Map.of("robot.bin", 0700)), slot, (d, t) -> { });
        assertEquals(List.of(new SlotFile("robot.bin", "file", 3, Fixture.sha256(new byte[] {1, 2, 3}), 0700, "")),
                staged.entries());
    }

    @Test
    public void aPayloadFileChangedAfterVerificationIsRefused() throws Exception {
        Payload payload = fx.treePayload(Map.of("a", new byte[] {1}), Map.of());
        Files.write(fx.payloadDir.resolve("a"), new byte[] {2});
        try {
            fx.installer.stage(Fixture.spec(), payload, slot, (d, t) -> { });
            fail("staged a changed payload");
        } catch (InstallException e) {
            assertEquals(Reason.BAD_PACKAGE, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("payload file a"));
        }
    }

    @Test
    public void aTreePathLeavingTheSlotIsRefused() throws Exception {
        Payload good = fx.treePayload(Map.of("x", new byte[] {1}), Map.of());
        Payload evil = new Payload(good.component(), good.version(), good.installKind(), good.directory(),
                List.of(new PayloadFile("../x", 1, good.files().get(0).sha256(), 0644)), 1);
        try {
            fx.installer.stage(Fixture.spec(), evil, slot, (d, t) -> { });
            fail("staged ../x");
        } catch (InstallException e) {
            assertEquals(Reason.UNSAFE_ARCHIVE, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("'../x'"));
        }
    }

    @Test
    public void verifyFindsAChangedByte() throws Exception {
        StagedSlot staged = stageTree();
        try (FileChannel ch = FileChannel.open(slot.resolve("share/doc/README"), StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'R'}), 0);
        }
        assertVerifyFails(staged, "'share/doc/README' has changed content");
    }

    @Test
    public void verifyFindsAChangedMode() throws Exception {
        StagedSlot staged = stageTree();
        Files.setAttribute(slot.resolve("bin/run"), "unix:mode", 0777);
        assertVerifyFails(staged, "'bin/run' has mode 0777, staged with 0755");
    }

    @Test
    public void verifyFindsAnExtraFile() throws Exception {
        StagedSlot staged = stageTree();
        Files.writeString(slot.resolve("etc/extra"), "x");
        assertVerifyFails(staged, "'etc/extra' (file) was not staged");
    }

    @Test
    public void verifyFindsAMissingFile() throws Exception {
        StagedSlot staged = stageTree();
        Files.delete(slot.resolve("etc/robot.conf"));
        assertVerifyFails(staged, "'etc/robot.conf' is missing");
    }

    @Test
    public void verifyFindsAFileReplacedByAFolder() throws Exception {
        StagedSlot staged = stageTree();
        Files.delete(slot.resolve("bin/run"));
        Files.createDirectory(slot.resolve("bin/run"));
        assertVerifyFails(staged, "'bin/run' is a dir, staged as a file");
    }

    @Test
    public void verifyFindsAReplacedLink() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.file("v1", 0644, new byte[] {1}).file("v2", 0644, new byte[] {2}).symlink("current", "v1");
        }
        StagedSlot staged = fx.installer.stage(Fixture.spec(), fx.archivePayload("app.tar"), slot, (d, t) -> { });
        fx.installer.verify(Fixture.spec(), staged, slot);
        Files.delete(slot.resolve("current"));
        Files.createSymbolicLink(slot.resolve("current"), Path.of("v2"));
        assertVerifyFails(staged, "'current' links to 'v2', staged to 'v1'");
    }

    @Test
    public void verifyFindsAMissingSlot() throws Exception {
        StagedSlot staged = stageTree();
        fx.installer.clear(Fixture.spec(), slot);
        Files.delete(slot);
        assertVerifyFails(staged, "missing or not a directory");
    }

    @Test
    public void clearEmptiesTheSlotButKeepsItAndWhatLinksPointTo() throws Exception {
        StagedSlot staged = stageTree();
        Path outside = Files.createDirectories(fx.root.resolve("data"));
        Files.writeString(outside.resolve("keep"), "x");
        Files.createSymbolicLink(slot.resolve("data"), outside);
        Files.setAttribute(slot.resolve("share/doc"), "unix:mode", 0500);
        fx.installer.clear(Fixture.spec(), slot);
        try (var left = Files.list(slot)) {
            assertEquals(0, left.count());
        }
        assertEquals("x", Files.readString(outside.resolve("keep")));
        assertVerifyFails(staged, "'bin' is missing");
    }

    private void assertVerifyFails(StagedSlot staged, String difference) throws IOException {
        try {
            fx.installer.verify(Fixture.spec(), staged, slot);
            fail("verified a changed slot");
        } catch (InstallException e) {
            assertEquals(Reason.VERIFY_FAILED, e.reason());
            assertTrue(e.getMessage() + " says " + difference, e.getMessage().contains(difference));
            assertTrue(e.getMessage(), e.getMessage().contains("component robot, slot " + slot));
        }
    }
}
