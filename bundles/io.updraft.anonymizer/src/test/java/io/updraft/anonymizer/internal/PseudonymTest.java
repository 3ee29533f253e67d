package io.updraft.anonymizer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.telemetry.Category;

public class PseudonymTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** Periods count from the epoch, so 7-day periods start on Thursdays 00:00 UTC: this is one's start. */
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-02T00:00:00Z"));

    private static String userOf(AnonymizerComponent a, String user) {
        return (String) a.anonymize(Events.event(Category.USAGE, "updraft.usage.session", Map.of("user", user)))
                .orElseThrow().fields().get("user");
    }

    @Test
    public void sameIdentifierSamePseudonymWithinAPeriod() {
        AnonymizerComponent a = TestConfigs.component(tmp.getRoot().toPath(), clock);
        String first = userOf(a, "jdoe");
        assertTrue(first, first.matches("ps-[0-9a-f]{24}"));
        clock.advance(Duration.ofDays(6).plusHours(23));
        assertEquals(first, userOf(a, "jdoe"));
        assertEquals("case and surrounding blanks do not matter", first, userOf(a, " JDoe "));
        assertNotEquals(first, userOf(a, "jdoe2"));
    }

    @Test
    public void differentPseudonymsInTheNextPeriod() {
        AnonymizerComponent a = TestConfigs.component(tmp.getRoot().toPath(), clock);
        String first = userOf(a, "jdoe");
        clock.advance(Duration.ofDays(7));
        String second = userOf(a, "jdoe");
        assertNotEquals(first, second);
        clock.advance(Duration.ofDays(7));
        assertNotEquals(first, userOf(a, "jdoe"));
        assertNotEquals(second, userOf(a, "jdoe"));
    }

    @Test
    public void periodLengthIsConfigurable() {
        AnonymizerComponent a = TestConfigs.component(
                TestConfigs.with(TestConfigs.properties(tmp.getRoot().toPath()), "keyPeriod", "PT1H"), clock);
        String first = userOf(a, "jdoe");
        clock.advance(Duration.ofMinutes(59));
        assertEquals(first, userOf(a, "jdoe"));
        clock.advance(Duration.ofMinutes(1));
        assertNotEquals(first, userOf(a, "jdoe"));
    }

    @Test
    public void keyFileIsCreatedOwnerOnlyAndReusedAcrossRestarts() throws Exception {
        Path home = tmp.getRoot().toPath().resolve("fresh");
        String before = userOf(TestConfigs.component(home, clock), "jdoe");
        Path key = MasterKeyFile.location(home);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String content = Files.readString(key);
        assertEquals(content, 45, content.length());
        assertEquals(before, userOf(TestConfigs.component(home, clock), "jdoe"));
        assertEquals(content, Files.readString(key));
    }

    @Test
    public void anotherDeviceKeyGivesOtherPseudonyms() {
        String a = userOf(TestConfigs.component(tmp.getRoot().toPath().resolve("a"), clock), "jdoe");
        String b = userOf(TestConfigs.component(tmp.getRoot().toPath().resolve("b"), clock), "jdoe");
        assertNotEquals(a, b);
    }

    @Test
    public void keyFileOthersCouldReadIsReplaced() throws Exception {
        Path home = tmp.getRoot().toPath();
        String before = userOf(TestConfigs.component(home, clock), "jdoe");
        Path key = MasterKeyFile.location(home);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        String after = userOf(TestConfigs.component(home, clock), "jdoe");
        assertNotEquals(before, after);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }

    @Test
    public void symbolicLinkAndCorruptKeyAreRefused() throws Exception {
        Path home = tmp.getRoot().toPath();
        Path dir = Files.createDirectories(home.resolve(MasterKeyFile.DIRECTORY));
        Path elsewhere = Files.writeString(home.resolve("other.key"), "x");
        Files.createSymbolicLink(dir.resolve(MasterKeyFile.NAME), elsewhere);
        IllegalStateException link = assertThrows(IllegalStateException.class,
                () -> TestConfigs.component(home, clock));
        assertTrue(link.getMessage(), link.getMessage().contains("symbolic link"));

        Files.delete(dir.resolve(MasterKeyFile.NAME));
        Files.writeString(dir.resolve(MasterKeyFile.NAME), "c2hvcnQ=\n");
        Files.setPosixFilePermissions(dir.resolve(MasterKeyFile.NAME), PosixFilePermissions.fromString("rw-------"));
        IllegalStateException corrupt = assertThrows(IllegalStateException.class,
                () -> TestConfigs.component(home, clock));
        assertTrue(corrupt.getMessage(), corrupt.getMessage().contains("does not hold at least 32 bytes"));
    }

    @Test
    public void unusableKeyDirectoryFailsActivationNamingHome() throws Exception {
        Path home = tmp.getRoot().toPath();
        Files.writeString(home.resolve(MasterKeyFile.DIRECTORY), "a file where the directory belongs");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestConfigs.component(home, clock));
        assertTrue(e.getMessage(), e.getMessage().contains("home '" + home + "'"));
        assertTrue(e.getMessage(), e.getMessage().contains(MasterKeyFile.NAME));
    }

    @Test
    public void pseudonymsAreKeyedNotPlainHashes() throws Exception {
        String p = userOf(TestConfigs.component(tmp.getRoot().toPath(), clock), "jdoe");
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256")
                .digest("jdoe".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(p, !p.contains(java.util.HexFormat.of().formatHex(sha, 0, 12)));
    }
}
