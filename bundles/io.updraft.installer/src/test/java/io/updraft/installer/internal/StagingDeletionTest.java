package io.updraft.installer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Deleting an attempt's staging never reaches through symbolic links out of the home. */
public class StagingDeletionTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void linksInsideOrAsTheStagingFolderAreRemovedNotFollowed() throws Exception {
        Path outside = tmp.newFolder("outside").toPath();
        Files.writeString(outside.resolve("keep.txt"), "precious");
        Path staging = tmp.newFolder("home", "staging").toPath();

        Path inside = Files.createDirectories(staging.resolve("u-1/app"));
        Files.writeString(inside.resolve("payload.bin"), "x");
        Files.createSymbolicLink(inside.resolve("escape"), outside);
        Context.deleteTree(staging.resolve("u-1"));
        assertFalse(Files.exists(staging.resolve("u-1"), LinkOption.NOFOLLOW_LINKS));

        Files.createSymbolicLink(staging.resolve("u-2"), outside);
        Context.deleteTree(staging.resolve("u-2"));
        assertFalse(Files.exists(staging.resolve("u-2"), LinkOption.NOFOLLOW_LINKS));

        assertEquals("precious", Files.readString(outside.resolve("keep.txt")));
    }
}
