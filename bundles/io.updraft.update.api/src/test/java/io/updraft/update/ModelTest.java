package io.updraft.update;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.Set;

import org.junit.Test;

public class ModelTest {

    @Test
    public void componentNamesAreSafeInPathsAndUrls() {
        for (String ok : new String[] {"app", "nav-stack", "os.image", "a_b", "0"}) {
            assertEquals(ok, Names.requireComponentName(ok));
        }
        for (String bad : new String[] {"", "App", "../etc", "a/b", "a..b", ".hidden", "-x", "a b", "x".repeat(65), null}) {
            try {
                Names.requireComponentName(bad);
                fail("accepted component name '" + bad + "'");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("'" + bad + "'"));
            }
        }
    }

    @Test
    public void updateIdsAreSafeAsFileNames() {
        assertEquals("Rel-2026.11_3", Names.requireUpdateId("Rel-2026.11_3"));
        for (String bad : new String[] {"", "..", "a/b", "a\\b", "a..b", ".x", "x".repeat(129)}) {
            try {
                Names.requireUpdateId(bad);
                fail("accepted update id '" + bad + "'");
            } catch (IllegalArgumentException expected) {
                // named in the message, checked above for component names
            }
        }
    }

    @Test
    public void releaseFitsProductAndHardware() {
        Release any = new Release("app", Version.parse("1.0.0"), Set.of(), Set.of(), Release.Kind.FULL, null);
        assertTrue(any.fits("robot", "rev-a"));
        Release robotRevB = new Release("app", Version.parse("1.0.0"), Set.of("robot"), Set.of("rev-b"), Release.Kind.FULL, null);
        assertTrue(robotRevB.fits("robot", "rev-b"));
        assertFalse(robotRevB.fits("robot", "rev-a"));
        assertFalse(robotRevB.fits("headset", "rev-b"));
    }

    @Test
    public void deltaNeedsABaseAndFullMustNotHaveOne() {
        new Release("app", Version.parse("1.1.0"), null, null, Release.Kind.DELTA, Version.parse("1.0.0"));
        try {
            new Release("app", Version.parse("1.1.0"), null, null, Release.Kind.DELTA, null);
            fail("delta without base accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("app 1.1.0"));
        }
        try {
            new Release("app", Version.parse("1.1.0"), null, null, Release.Kind.FULL, Version.parse("1.0.0"));
            fail("full release with base accepted");
        } catch (IllegalArgumentException expected) {
            // message checked above
        }
    }

    @Test
    public void progressPercentAndBounds() {
        assertEquals(50, new Progress("u", "download", 50, 100).percent());
        assertEquals(-1, new Progress("u", "download", 50, -1).percent());
        assertEquals(100, new Progress("u", "install", 0, 0).percent());
        for (long[] bad : new long[][] {{-1, 10}, {11, 10}, {0, -2}}) {
            try {
                new Progress("u", "download", bad[0], bad[1]);
                fail("accepted done " + bad[0] + " total " + bad[1]);
            } catch (IllegalArgumentException expected) {
                // bounds
            }
        }
    }

    @Test
    public void recordsNormaliseMissingTexts() {
        UpdateStatus s = new UpdateStatus(UpdateState.IDLE, null, Instant.EPOCH, null);
        assertEquals("", s.updateId());
        assertEquals("", s.reason());
        JournalEntry e = new JournalEntry(1, Instant.EPOCH, "staged", null);
        assertTrue(e.details().isEmpty());
    }
}
