package io.updraft.publisher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class UsageTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Cli cli = new Cli();

    private void assertUsage(String named, String... args) {
        assertEquals(String.join(" ", args) + ": " + cli.err, 2, cli.run(args));
        assertTrue("message should name " + named + ": " + cli.err, cli.err.contains(named));
    }

    @Test
    public void badArgumentsExitWithTwoAndNameTheArgument() throws Exception {
        String repo = tmp.getRoot().toPath().resolve("repo").toString();
        String keys = tmp.getRoot().toPath().resolve("keys").toString();
        assertUsage("frobnicate", "frobnicate");
        assertUsage("--out", "keygen");
        assertUsage("--type", "keygen", "--type", "rsa", "--out", "x");
        assertUsage("--bogus", "init", "--repo", repo, "--keys", keys, "--bogus");
        assertUsage("--threshold", "init", "--repo", repo, "--keys", keys, "--threshold", "root=0");
        assertUsage("--threshold", "init", "--repo", repo, "--keys", keys, "--threshold", "mirror=1");
        assertUsage("--expires", "init", "--repo", repo, "--keys", keys, "--expires", "root=soon");
        assertUsage("--consistent-snapshot", "init", "--repo", repo, "--keys", keys, "--consistent-snapshot", "yes");
        assertUsage("--repo", "init", "--repo");
        assertUsage("--version", "package", "--component", "app", "--version", "1.0", "--from", repo, "--key", "k",
                "--out", "o");
        assertUsage("--component", "package", "--component", "App!", "--version", "1.0.0", "--from", repo, "--key",
                "k", "--out", "o");
        assertUsage("--delta-base", "package", "--component", "app", "--version", "1.0.0", "--kind", "delta", "--from",
                repo, "--key", "k", "--out", "o");
        assertUsage("--requires", "package", "--component", "app", "--version", "1.0.0", "--requires", "base",
                "--from", repo, "--key", "k", "--out", "o");
        assertUsage("--compress", "package", "--component", "app", "--version", "1.0.0", "--compress", "xz",
                "--from", tmp.getRoot().toString(), "--key", "k", "--out", "o");
        assertUsage("--host", "serve", "--repo", repo, "--host", "192.0.2.1");
        assertUsage("unexpected argument 'extra'", "status", "--repo", repo, "extra");
        assertFalse(Files.exists(Path.of(repo)));
    }

    @Test
    public void helpPrintsEachCommandsOptions() {
        assertEquals(0, cli.run("--help"));
        assertTrue(cli.out, cli.out.contains("rotate-key"));
        assertEquals(0, cli.run("package", "--help"));
        assertTrue(cli.out, cli.out.contains("--delta-base SEMVER"));
        assertEquals(0, cli.run("help", "delegate"));
        assertTrue(cli.out, cli.out.contains("--terminating"));
        assertEquals(2, cli.run());
    }

    @Test
    public void keygenWritesAPrivateKeyOnceAndItsPublicKey() throws Exception {
        Path key = tmp.getRoot().toPath().resolve("k.key");
        cli.ok("keygen", "--type", "ecdsa-p256", "--out", key.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.readString(key.resolveSibling("k.key.pub")).contains("ecdsa-sha2-nistp256"));
        byte[] before = Files.readAllBytes(key);
        assertEquals(1, cli.run("keygen", "--out", key.toString()));
        assertTrue(cli.err, cli.err.contains("never overwrites"));
        assertEquals(new String(before), Files.readString(key));
    }

    @Test
    public void durationsAndTimes() {
        assertEquals(Duration.ofDays(365), Times.parseDuration("365d"));
        assertEquals(Duration.ofHours(12), Times.parseDuration("12h"));
        assertEquals(Duration.ofDays(7), Times.parseDuration("P7D"));
        assertEquals(Duration.ofDays(14), Times.parseDuration("2w"));
        assertEquals("2030-01-01T00:00:00Z", Times.format(java.time.Instant.parse("2030-01-01T00:00:00.999Z")));
        for (String bad : new String[] {"0d", "-1d", "1y", "PT0.5S", ""}) {
            try {
                Times.parseDuration(bad);
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("'" + bad + "'"));
            }
        }
    }

    @Test
    public void delegationPatternsDoNotCrossSlashes() {
        assertTrue(Metadata.matches("robot/*", "robot/app-1.0.0.updraft"));
        assertFalse(Metadata.matches("robot/*", "robot/x/app.updraft"));
        assertFalse(Metadata.matches("*", "robot/app.updraft"));
        assertTrue(Metadata.matches("*/app-?.0.0.updraft", "robot/app-1.0.0.updraft"));
        assertTrue(Metadata.matches("robot/app-[0-9]*", "robot/app-1.updraft"));
        assertFalse(Metadata.matches("robot/{a,b}", "robot/a"));
    }
}
