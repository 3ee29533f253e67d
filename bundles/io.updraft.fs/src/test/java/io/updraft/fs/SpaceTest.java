package io.updraft.fs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A full file system is told apart by the messages the JDK gives ENOSPC and EDQUOT, also when wrapped. */
public class SpaceTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void noSpaceAndQuotaAreRecognisedAlsoAsACause() {
        assertTrue(Space.isExhausted(new IOException("No space left on device")));
        assertTrue(Space.isExhausted(new FileSystemException("/slot/a", null, "Disk quota exceeded")));
        assertTrue(Space.isExhausted(new UncheckedIOException("copy failed",
                new IOException("write", new IOException("No space left on device")))));
    }

    @Test
    public void otherFailuresAreNot() {
        assertFalse(Space.isExhausted(new IOException("Permission denied")));
        assertFalse(Space.isExhausted(new IOException((String) null)));
        assertFalse(Space.isExhausted(null));
    }

    @Test
    public void usableSpaceIsToldOrMinusOne() {
        assertTrue(Space.usable(tmp.getRoot().toPath()) > 0);
        assertEquals(-1, Space.usable(tmp.getRoot().toPath().resolve("missing/below")));
    }
}
