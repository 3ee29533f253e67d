package io.updraft.state.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AtomicFileTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void writeKeepsThePreviousContent() throws Exception {
        AtomicFile f = new AtomicFile(tmp.getRoot().toPath().resolve("sub/x.json"));
        f.write(utf8("{\"n\":1}"));
        assertFalse(f.previousExists());
        f.write(utf8("{\"n\":2}"));
        f.write(utf8("{\"n\":3}"));
        assertArrayEquals(utf8("{\"n\":3}"), f.read());
        assertArrayEquals(utf8("{\"n\":2}"), f.readPrevious());
        try (var files = Files.list(f.path().getParent())) {
            assertEquals(List.of("x.json", "x.json.prev"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    public void writeInterruptedAfterLinkingPreviousLeavesNoStrayLink() throws Exception {
        AtomicFile f = new AtomicFile(tmp.getRoot().toPath().resolve("x.json"));
        f.write(utf8("{\"n\":1}"));
        // The state a kill leaves between linking the previous copy and renaming the new content into place.
        Files.createLink(f.previousPath(), f.path());
        f.write(utf8("{\"n\":2}"));
        assertArrayEquals(utf8("{\"n\":1}"), f.readPrevious());
        assertArrayEquals(utf8("{\"n\":2}"), f.read());
        try (var files = Files.list(f.path().getParent())) {
            assertEquals(List.of("x.json", "x.json.prev"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    public void everySingleBitFlipIsDetected() throws Exception {
        AtomicFile f = new AtomicFile(tmp.getRoot().toPath().resolve("x.json"));
        f.write(utf8("{\"schema\":1,\"v\":\"1.0.0\"}"));
        byte[] good = Files.readAllBytes(f.path());
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << bit);
                try {
                    Envelope.unwrap(bad);
                    fail("flip of bit " + bit + " in byte " + i + " went unnoticed");
                } catch (CorruptFileException expected) {
                    // detected
                }
            }
        }
    }

    @Test
    public void everyTruncationIsDetected() throws Exception {
        byte[] good = Envelope.wrap(utf8("{\"schema\":1}"));
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThrows("length " + len, CorruptFileException.class, () -> Envelope.unwrap(cut));
        }
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> Envelope.unwrap(Arrays.copyOf(good, good.length - 2)));
        assertTrue(e.getMessage(), e.getMessage().startsWith("truncated"));
    }

    @Test
    public void temporaryFilesAreDeleted() throws Exception {
        Path dir = tmp.newFolder("state").toPath();
        Files.write(dir.resolve("device.json.tmp"), utf8("half"));
        Files.write(dir.resolve("device.json.prev.tmp"), utf8("link"));
        Files.write(dir.resolve("device.json"), utf8("keep"));
        List<Path> deleted = AtomicFile.deleteTemporaryFiles(dir, AtomicFile.DirectorySync.FSYNC);
        assertEquals(2, deleted.size());
        assertTrue(Files.exists(dir.resolve("device.json")));
        assertFalse(Files.exists(dir.resolve("device.json.tmp")));
    }

    @Test
    public void failedSyncAfterTheRenameIsReportedAsNotDurable() throws Exception {
        boolean[] fail = {false};
        AtomicFile f = new AtomicFile(tmp.getRoot().toPath().resolve("x.json"), dir -> {
            if (fail[0]) {
                throw new IOException("injected");
            }
        });
        f.write(utf8("{\"n\":1}"));
        fail[0] = true;
        NotDurableException e = assertThrows(NotDurableException.class, () -> f.write(utf8("{\"n\":2}")));
        assertTrue(e.getMessage(), e.getMessage().contains("injected"));
        // The new content is what readers see, the old one is the previous copy.
        assertArrayEquals(utf8("{\"n\":2}"), f.read());
        assertArrayEquals(utf8("{\"n\":1}"), f.readPrevious());
    }
}
