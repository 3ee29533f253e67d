package io.updraft.fs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Trees deleted through directory handles: links are removed and never followed, also when a directory is swapped
 * for a link while the tree is deleted (the hook makes that swap happen at a chosen step, every time).
 */
public class TreeDeleterTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path tree;
    private Path outside;

    @Before
    public void setUp() throws IOException {
        Path root = tmp.getRoot().toPath();
        tree = Files.createDirectories(root.resolve("tree"));
        outside = root.resolve("outside");
        Files.createDirectories(outside.resolve("sub"));
        Files.writeString(outside.resolve("precious"), "keep");
        Files.writeString(outside.resolve("sub/precious"), "keep");
    }

    @Test
    public void nestedDirectoriesGoAndLinksAreRemovedNotFollowed() throws Exception {
        Files.createDirectories(tree.resolve("a/b/c"));
        Files.writeString(tree.resolve("a/b/c/file"), "x");
        Files.writeString(tree.resolve("a/top"), "x");
        Files.createSymbolicLink(tree.resolve("a/b/to-dir"), outside);
        Files.createSymbolicLink(tree.resolve("a/to-file"), outside.resolve("precious"));
        Files.createSymbolicLink(tree.resolve("dangling"), tree.resolve("nowhere"));
        Files.createSymbolicLink(tree.resolve("a/b/c/up"), Path.of("../../.."));
        Files.setAttribute(tree.resolve("a/b"), "unix:mode", 0555);

        new TreeDeleter().clear(tree);

        assertTrue(Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(), list(tree));
        assertOutsideIntact();
    }

    @Test
    public void aDirectorySwappedForALinkBeforeItIsOpenedLosesOnlyTheLink() throws Exception {
        Files.createDirectories(tree.resolve("victim"));
        Files.writeString(tree.resolve("victim/own"), "x");
        Path aside = tmp.getRoot().toPath().resolve("aside");
        List<Path> seen = new ArrayList<>();
        TreeDeleter deleter = new TreeDeleter(entry -> {
            seen.add(entry);
            if (entry.equals(tree.resolve("victim"))) {
                // Looked at as a directory; by the time it is opened it is a link to a directory outside.
                Files.move(entry, aside);
                Files.createSymbolicLink(entry, outside);
            }
        }, TreeDeleter.MAX_DEPTH);

        deleter.clear(tree);

        assertTrue("the hook ran", seen.contains(tree.resolve("victim")));
        assertEquals(List.of(), list(tree));
        assertOutsideIntact();
        assertEquals("what was moved away is not reached", "x", Files.readString(aside.resolve("own")));
    }

    @Test
    public void aDirectorySwappedForALinkWhileItIsEmptiedLeavesTheLinkTargetAlone() throws Exception {
        // The classic race against a walk by path: once tree/victim is a link to outside, the path
        // tree/victim/sub names outside/sub. The handle on the opened victim still names the original.
        Files.createDirectories(tree.resolve("victim/sub"));
        Files.writeString(tree.resolve("victim/sub/own"), "x");
        Path aside = tmp.getRoot().toPath().resolve("aside");
        TreeDeleter deleter = new TreeDeleter(entry -> {
            if (entry.equals(tree.resolve("victim/sub"))) {
                Files.move(tree.resolve("victim"), aside);
                Files.createSymbolicLink(tree.resolve("victim"), outside);
            }
        }, TreeDeleter.MAX_DEPTH);

        deleter.clear(tree);

        assertEquals(List.of(), list(tree));
        assertOutsideIntact();
        assertEquals("the original directory was emptied through its handle", List.of(), list(aside));
    }

    @Test
    public void aFileSwappedForALinkIsRemovedAsALink() throws Exception {
        Files.writeString(tree.resolve("file"), "x");
        TreeDeleter deleter = new TreeDeleter(entry -> {
            if (entry.equals(tree.resolve("file"))) {
                Files.delete(entry);
                Files.createSymbolicLink(entry, outside.resolve("precious"));
            }
        }, TreeDeleter.MAX_DEPTH);

        deleter.clear(tree);

        assertEquals(List.of(), list(tree));
        assertOutsideIntact();
    }

    @Test
    public void aLinkInPlaceOfTheTreeIsRefused() throws Exception {
        Path link = Files.createSymbolicLink(tmp.getRoot().toPath().resolve("link"), outside);
        try {
            new TreeDeleter().clear(link);
            fail("cleared through a link");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(link + " is not a directory"));
        }
        assertOutsideIntact();
    }

    @Test
    public void aTreeDeeperThanTheLimitIsRefused() throws Exception {
        Path deep = tree;
        for (int i = 0; i < 8; i++) {
            deep = Files.createDirectory(deep.resolve("d"));
        }
        new TreeDeleter(entry -> { }, 8).clear(tree.resolve("d"));
        assertEquals("eight levels are within the limit", List.of(), list(tree.resolve("d")));
        deep = tree.resolve("d");
        for (int i = 0; i < 8; i++) {
            deep = Files.createDirectory(deep.resolve("d"));
        }
        try {
            new TreeDeleter(entry -> { }, 8).clear(tree);
            fail("deleted a tree deeper than the limit");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("levels deep"));
        }
        assertTrue("nothing at the bottom was reached", Files.isDirectory(deep));
    }

    @Test
    public void deleteRemovesATreeALinkOrNothing() throws Exception {
        Path old = tmp.getRoot().toPath().resolve("data.updraft-old");
        Files.createDirectories(old.resolve("x/y"));
        Files.createSymbolicLink(old.resolve("x/y/to-dir"), outside);
        Files.setAttribute(old.resolve("x"), "unix:mode", 0555);
        new TreeDeleter().delete(old);
        assertFalse(Files.exists(old, LinkOption.NOFOLLOW_LINKS));

        Path link = Files.createSymbolicLink(tmp.getRoot().toPath().resolve("conf.updraft-old"), outside);
        new TreeDeleter().delete(link);
        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));

        new TreeDeleter().delete(link);
        assertOutsideIntact();
    }

    @Test
    public void deleteOfAPathSwappedForALinkRemovesTheLinkOnly() throws Exception {
        Path old = Files.createDirectories(tmp.getRoot().toPath().resolve("data.updraft-old/sub"));
        Path top = old.getParent();
        Path aside = tmp.getRoot().toPath().resolve("aside");
        TreeDeleter deleter = new TreeDeleter(entry -> {
            if (entry.equals(old)) {
                // The top is open; the path now leads outside, the handle still to the original.
                Files.move(top, aside);
                Files.createSymbolicLink(top, outside);
            }
        }, TreeDeleter.MAX_DEPTH);

        deleter.delete(top);

        assertFalse(Files.exists(top, LinkOption.NOFOLLOW_LINKS));
        assertOutsideIntact();
        assertEquals(List.of(), list(aside));
    }

    private void assertOutsideIntact() throws IOException {
        assertEquals("keep", Files.readString(outside.resolve("precious")));
        assertEquals("keep", Files.readString(outside.resolve("sub/precious")));
        assertFalse(Files.isSymbolicLink(outside));
    }

    private static List<String> list(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
