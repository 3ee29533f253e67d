package io.updraft.update;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class VersionRangeTest {

    /** Pairs of range and version that must match; most are from npm's node-semver test fixtures. */
    private static final String[][] INCLUDED = {
        {"1.0.0", "1.0.0"}, {"=1.0.0", "1.0.0"}, {"= 1.0.0", "1.0.0"}, {"1.0.0", "1.0.0+build.9"},
        {"*", "1.2.3"}, {"x", "1.2.3"}, {"X", "0.0.0"}, {">=*", "0.2.4"}, {"<=*", "9.9.9"},
        {">=1.0.0", "1.0.0"}, {">=1.0.0", "1.0.1"}, {">=1.0.0", "1.1.0"}, {">1.0.0", "1.0.1"}, {">1.0.0", "1.1.0"},
        {"<=2.0.0", "2.0.0"}, {"<=2.0.0", "1.9999.9999"}, {"<=2.0.0", "0.2.9"}, {"<2.0.0", "1.9999.9999"},
        {">= 1.0.0", "1.0.0"}, {">=  1.0.0", "1.0.1"}, {"> 1.0.0", "1.0.1"}, {"<=   2.0.0", "2.0.0"},
        {"<\t2.0.0", "0.2.9"}, {"  >=1.2.0   <2.0.0  ", "1.9.0"},
        {">=0.1.97", "0.1.97"}, {"0.1.20 || 1.2.4", "1.2.4"}, {">=0.2.3 || <0.0.1", "0.0.0"},
        {">=0.2.3 || <0.0.1", "0.2.3"}, {">=0.2.3||<0.0.1", "0.2.4"},
        {"2.x.x", "2.1.3"}, {"1.2.x", "1.2.3"}, {"1.2.x || 2.x", "2.1.3"}, {"1.2.x || 2.x", "1.2.3"},
        {"2.*.*", "2.1.3"}, {"1.2.*", "1.2.3"}, {"1.2.X", "1.2.0"}, {"2", "2.1.2"}, {"2.3", "2.3.1"},
        {"~0.0.1", "0.0.1"}, {"~0.0.1", "0.0.2"}, {"~x", "0.0.9"}, {"~2", "2.0.9"}, {"~2.4", "2.4.0"},
        {"~2.4", "2.4.5"}, {"~1", "1.2.3"}, {"~1.0", "1.0.2"}, {"~ 1.0", "1.0.2"}, {"~ 1.0.3", "1.0.12"},
        {"~1.2.3", "1.2.9"}, {"~0.5.4-pre", "0.5.4"}, {"~0.5.4-pre", "0.5.5"},
        {">=1", "1.0.0"}, {">= 1", "1.0.0"}, {"<1.2", "1.1.1"}, {"< 1.2", "1.1.1"}, {">1", "2.0.0"},
        {">1.2", "1.3.0"}, {"<=1.2", "1.2.9"}, {"<=1", "1.99.0"},
        {"=0.7.x", "0.7.2"}, {"<=0.7.x", "0.7.2"}, {">=0.7.x", "0.7.2"}, {"<=0.7.x", "0.6.2"}, {"<=7.x", "7.9.9"},
        {"~1.2.1 >=1.2.3", "1.2.3"}, {"~1.2.1 =1.2.3", "1.2.3"}, {"~1.2.1 1.2.3", "1.2.3"},
        {">=1.2.1 1.2.3", "1.2.3"}, {"1.2.3 >=1.2.1", "1.2.3"}, {">=1.2.3 >=1.2.1", "1.2.3"}, {">=1.2", "1.2.8"},
        {"^1.2.3", "1.8.1"}, {"^1.2.3", "1.2.3"}, {"^0.1.2", "0.1.2"}, {"^0.1.2", "0.1.9"}, {"^0.1", "0.1.2"},
        {"^0.0.1", "0.0.1"}, {"^1.2", "1.4.2"}, {"^1.2 ^1", "1.4.2"}, {"^1", "1.9.9"}, {"^0", "0.9.9"},
        {"^0.0", "0.0.7"}, {"^x", "1.2.3"}, {"^1.2.3+build", "1.2.3"}, {"^1.2.3+build", "1.3.0"},
        {"^1.2.3-alpha", "1.2.3-pre"}, {"^1.2.0-alpha", "1.2.0-pre"}, {"^0.0.1-alpha", "0.0.1-beta"},
        {"^0.0.1-alpha", "0.0.1"}, {"^0.1.1-alpha", "0.1.1-beta"}, {"^1.2.3-rc.1", "1.9.0"},
        {">=1.2.3-alpha.1", "1.2.3-alpha.7"}, {">=1.2.3-alpha.1", "3.4.5"}, {"=1.2.3-rc.1", "1.2.3-rc.1"},
        {"1.2.3-rc.1", "1.2.3-rc.1+b2"}, {"<1.2.3-rc.2", "1.2.3-rc.1"}, {">1.2.3-rc.1 <1.2.3", "1.2.3-rc.2"},
        {"<2.0.0-rc.2 >=1.0.0", "2.0.0-rc.1"},
        {"^0.1.0 || ~3.0.1 || 5.0.0", "3.0.9"}, {"^0.1.0 || ~3.0.1 || >4 <=5.0.0", "5.0.0"},
    };

    /** Pairs of range and version that must not match. */
    private static final String[][] EXCLUDED = {
        {"1.0.0", "1.0.1"}, {"=1.0.0", "0.9.9"}, {">=1.0.0", "0.0.0"}, {">=1.0.0", "0.1.0"}, {">1.0.0", "1.0.0"},
        {">1.0.0", "0.1.0"}, {"<=2.0.0", "3.0.0"}, {"<=2.0.0", "2.0.1"}, {"<2.0.0", "2.0.0"}, {"<2.0.0", "2.2.9"},
        {">=0.1.97", "0.1.93"}, {"0.1.20 || 1.2.4", "1.2.3"}, {">=0.2.3 || <0.0.1", "0.0.3"},
        {">=0.2.3 || <0.0.1", "0.2.2"}, {"2.x.x", "1.1.3"}, {"2.x.x", "3.1.3"}, {"1.2.x", "1.3.3"},
        {"1.2.x || 2.x", "3.1.3"}, {"1.2.x || 2.x", "1.1.3"}, {"2.*.*", "1.1.3"}, {"2.*.*", "3.1.3"},
        {"1.2.*", "1.3.3"}, {"2", "1.1.2"}, {"2", "3.0.0"}, {"2.3", "2.4.1"}, {"2.3", "2.2.9"},
        {"~0.0.1", "0.1.0"}, {"~2.4", "2.5.0"}, {"~2.4", "2.3.9"}, {"~3.2.1", "3.3.2"}, {"~3.2.1", "3.2.0"},
        {"~1", "0.2.3"}, {"~1", "2.0.0"}, {"~1.0", "1.1.0"}, {"<1", "1.0.0"}, {">=1.2", "1.1.1"}, {">1.2", "1.2.8"},
        {">1", "1.9.9"}, {"<1.2", "1.2.0"}, {"<=1.2", "1.3.0"},
        {"^0.0.1", "0.0.2"}, {"^1.2.3", "2.0.0"}, {"^1.2.3", "1.2.2"}, {"^1.2", "1.1.9"}, {"^0.1.2", "0.2.0"},
        {"^0.1", "0.2.0"}, {"^0", "1.0.0"}, {"^0.0", "0.1.0"}, {"^1.2.3+build", "2.0.0"}, {"^1.2.3+build", "1.2.0"},
        {"^0.1.0 || ~3.0.1 || 5.0.0", "3.2.0"}, {"^0.1.0 || ~3.0.1 || >4 <=5.0.0", "3.5.0"},
        {"~1.2.1 >=1.2.3", "1.2.2"}, {">=1.2.0 <2.0.0", "2.0.0"},
        // Pre-releases only where a comparator of the same major.minor.patch names one.
        {"*", "1.2.3-foo"}, {"x", "0.0.1-alpha"}, {"^1.2.3", "1.2.3-pre"}, {"^1.2", "1.2.0-pre"},
        {">1.2", "1.3.0-beta"}, {"<=1.2.3", "1.2.3-beta"}, {"^1.2.3", "1.2.3-beta"}, {"<1.2.3", "1.2.3-beta"},
        {"=1.2.3", "1.2.3-beta"}, {"=0.7.x", "0.7.0-asdf"}, {">=0.7.x", "0.7.0-asdf"}, {"<=0.7.x", "0.7.0-asdf"},
        {"~0.0.1", "0.1.0-alpha"}, {"~0.5.4-beta", "0.5.4-alpha"}, {"^1.2.3", "2.0.0-alpha"},
        {"^1.0.0", "2.0.0-rc1"}, {"^1.2.3-rc2", "2.0.0"}, {">=1.2.3-alpha.1", "3.4.5-alpha.9"},
        {">=1.2.0 <2.0.0", "1.5.0-rc.1"}, {">=1.2.0 <2.0.0", "2.0.0-rc.1"}, {"1.x", "1.5.0-rc.1"},
        {"^1.2.3-rc.1", "1.3.0-rc.1"},
    };

    @Test
    public void includesWhatNpmIncludes() {
        for (String[] c : INCLUDED) {
            assertTrue("'" + c[0] + "' should contain " + c[1], VersionRange.parse(c[0]).contains(Version.parse(c[1])));
        }
    }

    @Test
    public void excludesWhatNpmExcludes() {
        for (String[] c : EXCLUDED) {
            assertFalse("'" + c[0] + "' should not contain " + c[1], VersionRange.parse(c[0]).contains(Version.parse(c[1])));
        }
    }

    @Test
    public void preReleaseNeedsAComparatorOfTheSameAlternative() {
        // The pre-release named in the first alternative does not open the second one to pre-releases.
        VersionRange r = VersionRange.parse(">=1.2.3-rc.1 <1.3.0 || >=2.0.0");
        assertTrue(r.contains(Version.parse("1.2.3-rc.2")));
        assertFalse(r.contains(Version.parse("2.1.0-rc.1")));
        assertTrue(r.contains(Version.parse("2.1.0")));
    }

    @Test
    public void buildMetadataIsIgnored() {
        assertTrue(VersionRange.parse("=1.2.3+a").contains(Version.parse("1.2.3+b")));
        assertFalse(VersionRange.parse(">1.2.3+a").contains(Version.parse("1.2.3+b")));
    }

    @Test
    public void keepsTheTextAsWrittenForMessagesAndEquality() {
        VersionRange r = VersionRange.parse("  ^1.2.3 || 2.x ");
        assertEquals("^1.2.3 || 2.x", r.toString());
        assertEquals(r, VersionRange.parse("^1.2.3 || 2.x"));
        assertEquals(r.hashCode(), VersionRange.parse("^1.2.3 || 2.x").hashCode());
        assertNotEquals(VersionRange.parse("1.x"), VersionRange.parse("^1.0.0"));
    }

    @Test
    public void badTextIsRefusedNamingIt() {
        String[] bad = {"abc", "1.2.3.4", ">", ">=", "1.x.3", "*.1", "||", "1.0.0 ||", "|| 1.0.0", ">*", "<*",
            "~>1", "v1.2.3", "1.2.3 - 2.0.0", "01.2.3", "1.02", "1.2.3-", "^", "=>1.0.0", "1.0.0 | 2.0.0",
            "1.2.x-rc.1", ">=1.0.0,<2.0.0", "1.0.0 >"};
        for (String text : bad) {
            IllegalArgumentException e = assertThrows(text, IllegalArgumentException.class, () -> VersionRange.parse(text));
            assertTrue(e.getMessage(), e.getMessage().contains("'" + text.strip() + "'"));
        }
    }

    @Test
    public void missingEmptyAndHugeRangesAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VersionRange.parse(null)).getMessage()
                .contains("missing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VersionRange.parse("  ")).getMessage()
                .contains("'*'"));
        assertThrows(IllegalArgumentException.class, () -> VersionRange.parse(">=1.0.0 ".repeat(200)));
    }

    @Test
    public void numbersTooLargeAreRefusedNotWrapped() {
        for (String text : new String[] {"99999999999999999999", "99999999999999999999.0.0",
            "^9223372036854775807.0.0", "~0.9223372036854775807.0", "9223372036854775807.x", ">9223372036854775807"}) {
            IllegalArgumentException e = assertThrows(text, IllegalArgumentException.class, () -> VersionRange.parse(text));
            assertTrue(e.getMessage(), e.getMessage().contains("too large"));
        }
        // The largest numbers themselves are fine where no bound has to go past them.
        assertTrue(VersionRange.parse(">=9223372036854775807.0.0").contains(Version.parse("9223372036854775807.1.0")));
    }

    @Test
    public void nullVersionIsRefused() {
        assertThrows(NullPointerException.class, () -> VersionRange.parse("*").contains(null));
    }
}
