package io.updraft.anonymizer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import org.junit.Test;

public class TextScrubberTest {
    private static final KeyRing KEYS = new KeyRing(new byte[32], Duration.ofDays(7),
            new MutableClock(Instant.parse("2024-05-01T00:00:00Z")));

    private static String scrub(String text) {
        return scrub(text, true, false);
    }

    private static String scrub(String text, boolean truncateIps, boolean pseudonyms) {
        TextScrubber s = new TextScrubber(EnumSet.allOf(Detector.class),
                List.of(SerialPattern.parse("RBT-[0-9]{4}-[0-9]{6}")), truncateIps, pseudonyms, 24, 48);
        return s.scrub(text, new EventContext(s, KEYS, 24, 48));
    }

    @Test
    public void textWithoutCandidatesIsReturnedAsIs() {
        String text = "mission planner started on wlan";
        assertSame(text, scrub(text));
        String versions = "updraft v1.2.3.4, build 2.14.3, kernel 5.15.0-1034-raspi";
        assertSame(versions, scrub(versions));
    }

    @Test
    public void macAddressesInEverySpelling() {
        assertEquals("a [mac] b", scrub("a 3c:22:fb:12:34:56 b"));
        assertEquals("a [mac] b", scrub("a 3C-22-FB-12-34-56 b"));
        assertEquals("a [mac] b", scrub("a 3c22.fb12.3456 b"));
        assertEquals("a [mac] b", scrub("a 3c22fb123456 b"));
        assertEquals("mac:[mac].", scrub("mac:3c:22:fb:12:34:56."));
        // Mixed separators, seven pairs or an identifier inside a word are not MAC addresses.
        assertEquals("3c:22-fb:12:34:56", scrub("3c:22-fb:12:34:56"));
        assertEquals("id-3c22fb123456x", scrub("id-3c22fb123456x"));
    }

    @Test
    public void ipAddressesAreTruncatedOrRedacted() {
        assertEquals("from 192.168.17.0/24 port 22", scrub("from 192.168.17.42 port 22"));
        assertEquals("from [ip] port 22", scrub("from 192.168.17.42 port 22", false, false));
        assertEquals("at 2001:db8:85a3::/48.", scrub("at 2001:db8:85a3:12::8a2e:370:7334."));
        assertEquals("[::/48]:443", scrub("[::1]:443"));
        assertEquals("peer ::/48 ok, fe80::/48.", scrub("peer ::ffff:192.0.2.1 ok, fe80::1."));
        assertEquals("at 12:30:45 and 10:15", scrub("at 12:30:45 and 10:15"));
        assertEquals("256.1.1.1 and 1.2.3.4.5 and v1.2.3.4", scrub("256.1.1.1 and 1.2.3.4.5 and v1.2.3.4"));
    }

    @Test
    public void phoneNumbersInInternationalAndNationalFormats() {
        for (String phone : List.of("+49 171 2345678", "+49-171-2345678", "+491712345678", "0049 89 21234567",
                "(030) 1234 5678", "030 12345678", "0171-9876543", "+1 (555) 123-4567", "(555) 123-4567",
                "555-123-4567", "555.867.5309", "+44 20 7946 0958", "06 12 34 56 78", "+33 6 12 34 56 78")) {
            assertEquals(phone, "call [phone] now", scrub("call " + phone + " now"));
        }
    }

    @Test
    public void numbersThatAreNoPhoneNumbersStay() {
        for (String text : List.of("on 01.05.2024 at 12:30", "uptime 1715000000 s", "took 1234567 ms",
                "id 550e8400-e29b-41d4-a716-446655440000", "version 0.1.0-SNAPSHOT", "code 0123 45",
                "[ 1234.567890] wlan0", "ratio 0.000123456")) {
            assertEquals(text, text, scrub(text));
        }
    }

    @Test
    public void emailAddressesButNotObjectHashes() {
        assertEquals("to [email], cc [email].", scrub("to ops-team@fleet.example.org, cc Jane.Doe+x@Example.CO.UK."));
        assertEquals("java.lang.Object@1b6d3586", scrub("java.lang.Object@1b6d3586"));
    }

    @Test
    public void userNamesInHomePaths() {
        assertEquals("/home/[user]/.ssh and /Users/[user]/x and C:\\Users\\[user]\\y",
                scrub("/home/jdoe/.ssh and /Users/mgarcia/x and C:\\Users\\kim\\y"));
        assertEquals("/var/home/[user]/x file:///home/[user]/y", scrub("/var/home/kim/x file:///home/kim2/y"));
        assertEquals("/var/lib/updraft/home/data", scrub("/var/lib/updraft/home/data"));
    }

    @Test
    public void serialPatternsReplaceTheirIdGroupOrTheWholeMatch() {
        TextScrubber s = new TextScrubber(EnumSet.of(Detector.SERIAL), List.of(
                SerialPattern.parse("SN:(?<id>[A-Z0-9]{8})"), SerialPattern.parse("RBT-[0-9]{4}")), true, false, 24, 48);
        assertEquals("SN:[serial] and [serial]", s.scrub("SN:AB12CD34 and RBT-2291", new EventContext(s, KEYS, 24, 48)));
    }

    @Test
    public void pseudonymsInTextAreStableAndSpellingIndependent() {
        String a = scrub("mac 3c:22:fb:12:34:56 mail Jane@Example.com", true, true);
        String b = scrub("mac 3C-22-FB-12-34-56 mail jane@example.com", true, true);
        assertEquals(a, b);
        assertTrue(a, a.matches("mac \\[mac:ps-[0-9a-f]{24}\\] mail \\[email:ps-[0-9a-f]{24}\\]"));
    }

    @Test
    public void disabledDetectorsLeaveTheirIdentifiers() {
        TextScrubber s = new TextScrubber(EnumSet.of(Detector.EMAIL), List.of(), true, false, 24, 48);
        assertEquals("[email] from 10.0.0.1", s.scrub("a@b.org from 10.0.0.1", new EventContext(s, KEYS, 24, 48)));
    }
}
