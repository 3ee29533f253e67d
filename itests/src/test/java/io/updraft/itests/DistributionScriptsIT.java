package io.updraft.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    private Path home;

    @Before
    public void unpack() throws Exception {
        String assembly = System.getProperty("updraft.assembly");
        assertTrue("updraft.assembly must name the built tar.gz, got " + assembly, assembly != null && new File(assembly).isFile());
        run(List.of("tar", "-xzf", assembly, "-C", tmp.getRoot().getPath()), null, 60);
        try (var dirs = Files.list(tmp.getRoot().toPath())) {
            home = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        replaceLine(home.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", HTTP_PORT);
        replaceLine(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", SSH_PORT);
    }

    @After
    public void stop() throws Exception {
        if (home != null && Files.exists(home.resolve("karaf.pid"))) {
            String pid = Files.readString(home.resolve("karaf.pid")).strip();
            run(List.of(home.resolve("bin/stop").toString()), null, 60);
            // bin/stop returns before the JVM exits.
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> {
                try {
                    p.onExit().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    p.destroyForcibly();
                }
            });
        }
    }

    @Test
    public void startGeneratesSecretsAndClientShowsStatus() throws Exception {
        Path users = home.resolve("etc/users.properties");
        assertTrue("shipped users.properties must hold the marker, not a user",
                Files.readString(users).contains("#@updraft-generate-shell-user@"));
        assertFalse(Files.readAllLines(users).stream().anyMatch(l -> l.matches("^[a-zA-Z].*=.*") && !l.startsWith("_g_")));

        run(List.of(home.resolve("bin/start").toString()), null, 60);
        String token = waitForRest();

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
        String out = run(List.of(home.resolve("bin/client").toString(), "-b", "-r", "30"), "ota:status --no-format\n", 120);
        assertTrue(out, out.contains("Update state"));
        assertTrue(out, out.contains("IDLE"));

        // A second script run must not add or change the user.
        run(List.of(home.resolve("bin/status").toString()), null, 30);
        assertEquals(lines, Files.readAllLines(users));
    }

    private String waitForRest() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Path tokenFile = home.resolve("etc/updraft-api.token");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(tokenFile)) {
                String token = Files.readString(tokenFile).strip();
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + HTTP_PORT + "/updraft/api/v1/status"))
                            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return token;
                    }
                } catch (IOException notYet) {
                    // HTTP not listening yet
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("REST status did not answer 200 within 90 s; see " + home.resolve("data/log/karaf.log"));
    }

    private static void replaceLine(Path cfg, String key, String value) throws IOException {
        List<String> lines = Files.readAllLines(cfg);
        lines.replaceAll(l -> l.matches("^" + java.util.regex.Pattern.quote(key) + "\\s*=.*") ? key + " = " + value : l);
        Files.write(cfg, lines);
    }

    private static String run(List<String> command, String stdin, int timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(command + " did not end in " + timeoutSeconds + " s", p.waitFor(timeoutSeconds, TimeUnit.SECONDS));
        assertEquals(command + " failed:\n" + out, 0, p.exitValue());
        return out;
    }
}
