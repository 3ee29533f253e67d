package io.updraft.itests;

import static org.junit.Assert.assertEquals;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The distribution as a user gets it, unpacked from the built tar.gz into a folder, on its own ports; started and
 * driven through its scripts (bin/start, bin/client, bin/stop) and its REST API.
 */
final class Distribution {
    final Path home;
    final String httpPort;

    private Distribution(Path home, String httpPort) {
        this.home = home;
        this.httpPort = httpPort;
    }

    static Distribution unpack(Path into, String httpPort, String sshPort) throws Exception {
        String assembly = System.getProperty("updraft.assembly");
        assertTrue("updraft.assembly must name the built tar.gz, got " + assembly,
                assembly != null && new File(assembly).isFile());
        run(List.of("tar", "-xzf", assembly, "-C", into.toString()), null, 60);
        Path home;
        try (var dirs = Files.list(into)) {
            home = dirs.filter(d -> Files.isDirectory(d) && d.getFileName().toString().startsWith("updraft-"))
                    .findFirst().orElseThrow();
        }
        replaceLine(home.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", httpPort);
        replaceLine(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", sshPort);
        return new Distribution(home, httpPort);
    }

    void start() throws Exception {
        run(List.of(home.resolve("bin/start").toString()), null, 60);
    }

    /** Runs shell commands the documented non-interactive way: on standard input, batch mode. */
    String client(String commands) throws Exception {
        return run(List.of(home.resolve("bin/client").toString(), "-b", "-r", "30"), commands + "\n", 120);
    }

    /** Like {@link #client} but returns the output of a failing command too. */
    String clientMayFail(String commands) throws Exception {
        Process p = new ProcessBuilder(home.resolve("bin/client").toString(), "-b", "-r", "30").redirectErrorStream(true)
                .start();
        p.getOutputStream().write((commands + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("bin/client did not end in 120 s", p.waitFor(120, TimeUnit.SECONDS));
        return out;
    }

    /** Waits until GET status answers 200 and returns the API token. */
    String waitForRest() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Path tokenFile = home.resolve("etc/updraft-api.token");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(tokenFile)) {
                String token = Files.readString(tokenFile).strip();
                try {
                    if (http.send(request("status", token).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
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

    HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/updraft/api/v1/" + path))
                .header("Authorization", "Bearer " + token).timeout(java.time.Duration.ofSeconds(60));
    }

    void stop() throws Exception {
        if (!Files.exists(home.resolve("karaf.pid"))) {
            return;
        }
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

    /** Kills the runtime with SIGKILL, as a power cut would end it, and waits until it is gone. */
    void kill() throws Exception {
        String pid = Files.readString(home.resolve("karaf.pid")).strip();
        ProcessHandle p = ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
        p.destroyForcibly();
        p.onExit().get(60, TimeUnit.SECONDS);
    }

    static void replaceLine(Path cfg, String key, String value) throws IOException {
        List<String> lines = Files.readAllLines(cfg);
        lines.replaceAll(l -> l.matches("^" + java.util.regex.Pattern.quote(key) + "\\s*=.*") ? key + " = " + value : l);
        Files.write(cfg, lines);
    }

    static String run(List<String> command, String stdin, int timeoutSeconds) throws Exception {
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
