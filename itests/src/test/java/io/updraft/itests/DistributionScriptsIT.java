package io.updraft.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The distribution as a user gets it: unpacked tar.gz, bin/start, bin/client, bin/stop. This is the path the
 * Pax Exam journey cannot take (it starts the JVM itself and never runs bin/setenv or SSH).
 */
public class DistributionScriptsIT {
    private static final String HTTP_PORT = "19181";
    private static final String SSH_PORT = "19101";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Distribution distribution;
    private Path home;

    @Before
    public void unpack() throws Exception {
        distribution = Distribution.unpack(tmp.getRoot().toPath(), HTTP_PORT, SSH_PORT);
        home = distribution.home;
    }

    @After
    public void stop() throws Exception {
        if (distribution != null) {
            distribution.stop();
        }
    }

    @Test
    public void startGeneratesSecretsAndClientShowsStatus() throws Exception {
        Path users = home.resolve("etc/users.properties");
        assertTrue("shipped users.properties must hold the marker, not a user",
                Files.readString(users).contains("#@updraft-generate-shell-user@"));
        assertFalse(Files.readAllLines(users).stream().anyMatch(l -> l.matches("^[a-zA-Z].*=.*") && !l.startsWith("_g_")));

        distribution.start();
        String token = distribution.waitForRest();

        // One shell user, with a password made here, in a file only its owner can read.
        List<String> lines = Files.readAllLines(users);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
        assertFalse(lines.contains("#@updraft-generate-shell-user@"));
        String userLine = lines.stream().filter(l -> l.startsWith("karaf =")).findFirst().orElseThrow();
        assertTrue(userLine, userLine.matches("karaf = [0-9a-f]{48},_g_:admingroup"));

        Path tokenFile = home.resolve("etc/updraft-api.token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"));

        // The documented non-interactive recipe: the command on standard input, batch mode.
        String out = distribution.client("ota:status --no-format");
        assertTrue(out, out.contains("Update state"));
        assertTrue(out, out.contains("IDLE"));

        // A second script run must not add or change the user.
        Distribution.run(List.of(home.resolve("bin/status").toString()), null, 30);
        assertEquals(lines, Files.readAllLines(users));
    }
}
