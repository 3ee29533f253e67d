package io.updraft.update;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.Test;

public class VersionTest {

    @Test
    public void precedenceFollowsSemVerSpecExample() {
        // The ordering given in section 11 of the Semantic Versioning 2.0.0 specification.
        String[] ordered = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.10.0", "2.0.0", "10.0.0"};
        List<Version> expected = new ArrayList<>();
        for (String s : ordered) {
            expected.add(Version.parse(s));
        }
        List<Version> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(7));
        Collections.sort(shuffled);
        assertEquals(expected, shuffled);
        for (int i = 1; i < expected.size(); i++) {
            assertTrue(expected.get(i) + " > " + expected.get(i - 1), expected.get(i).isNewerThan(expected.get(i - 1)));
            assertFalse(expected.get(i - 1).isNewerThan(expected.get(i)));
        }
    }

    @Test
    public void numericIdentifiersCompareAsNumbersEvenWhenLong() {
        assertTrue(Version.parse("1.0.0-99999999999999999999").isNewerThan(Version.parse("1.0.0-9999999999999999999")));
        assertTrue(Version.parse("1.0.0-a").isNewerThan(Version.parse("1.0.0-99999")));
    }

    @Test
    public void buildMetadataIsIgnoredForPrecedenceButKept() {
        Version a = Version.parse("1.2.3+build.1");
        Version b = Version.parse("1.2.3+build.2");
        assertEquals(0, a.compareTo(b));
        assertNotEquals(a, b);
        assertEquals("build.1", a.build());
        assertEquals("1.2.3+build.1", a.toString());
    }

    @Test
    public void roundTripsText() {
        for (String s : new String[] {"0.0.0", "1.2.3", "1.2.3-rc.1", "1.2.3-rc.1+sha.5114f85", "1.0.0-x-y-z.--", "1.0.0+0.build.1-rc.10000aaa-kk-0.1"}) {
            assertEquals(s, Version.parse(s).toString());
            assertEquals(Version.parse(s), Version.parse(Version.parse(s).toString()));
        }
    }

    @Test
    public void rejectsInvalidVersionsNamingThem() {
        for (String bad : new String[] {"", "1", "1.0", "1.0.0.0", "01.0.0", "1.01.0", "1.0.0-", "1.0.0+", "1.0.0-01",
            "v1.0.0", "1.0.0-alpha..1", "1.0.0 ", " 1.0.0", "1.0.0-äö", "99999999999999999999.0.0", "1.0.0+a+b"}) {
            try {
                Version.parse(bad);
                fail("accepted '" + bad + "'");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("'" + bad + "'"));
            }
        }
        try {
            Version.parse(null);
            fail("accepted null");
        } catch (IllegalArgumentException e) {
            assertEquals("version is missing", e.getMessage());
        }
        try {
            Version.parse("1.0.0-" + "a".repeat(300));
            fail("accepted an oversized version");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("longer than"));
        }
    }

    @Test
    public void preReleaseListCannotBeChanged() {
        Version v = Version.parse("1.0.0-rc.1");
        try {
            v.preRelease().clear();
            fail("pre-release identifiers were changed through the getter");
        } catch (UnsupportedOperationException expected) {
            assertEquals(List.of("rc", "1"), v.preRelease());
        }
        assertTrue(v.isPreRelease());
        assertFalse(Version.of(1, 0, 0).isPreRelease());
    }
}
