package io.updraft.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The release journey end to end with the distribution's own tools: a vendor signs a package and publishes it
 * with bin/updraft-publish, serves the repository on loopback, and the device's ota:check and POST check report
 * the update; a mirror that serves an older timestamp is refused and nothing is offered.
 */
public class CheckJourneyIT {
    private static final String HTTP_PORT = "19281";
    private static final String SSH_PORT = "19201";
    private static final String REPO_PORT = "19700";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Distribution device;
    private Process server;
    private Path repo;
    private Path keys;

    @Before
    public void setUp() throws Exception {
        device = Distribution.unpack(tmp.newFolder("device").toPath(), HTTP_PORT, SSH_PORT);
        repo = tmp.getRoot().toPath().resolve("repo");
        keys = tmp.getRoot().toPath().resolve("keys");
    }

    @After
    public void tearDown() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
        if (device != null) {
            device.stop();
        }
    }

    private String publish(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(device.home.resolve("bin/updraft-publish").toString()));
        command.addAll(List.of(args));
        return Distribution.run(command, null, 120);
    }

    private void serve() throws Exception {
        server = new ProcessBuilder(device.home.resolve("bin/updraft-publish").toString(), "serve", "--repo",
                repo.toString(), "--port", REPO_PORT).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue("serve did not start: " + line, line != null && line.contains("http://127.0.0.1:" + REPO_PORT));
    }

    @Test
    public void aPublishedReleaseIsReportedAndAnOlderTimestampIsRefused() throws Exception {
        publish("init", "--repo", repo.toString(), "--keys", keys.toString(), "--consistent-snapshot", "true");
        Path app = tmp.newFolder("app").toPath();
        Files.writeString(app.resolve("run.sh"), "#!/bin/sh\necho hello\n");
        Path pkg = tmp.getRoot().toPath().resolve("navigator-2.1.0.updraft");
        Path targetsKey;
        try (var files = Files.list(keys.resolve("targets"))) {
            targetsKey = files.filter(f -> f.toString().endsWith(".key")).findFirst().orElseThrow();
        }
        publish("package", "--component", "navigator", "--version", "2.1.0", "--from", app.toString(), "--key",
                targetsKey.toString(), "--out", pkg.toString());
        byte[] oldTimestamp = Files.readAllBytes(repo.resolve("metadata/timestamp.json"));
        publish("add", "--repo", repo.toString(), "--keys", keys.toString(), pkg.toString());
        serve();

        // The device trusts this repository's first root, as a maker ships it in the image.
        Path trust = device.home.resolve("etc/updraft-trust");
        Files.createDirectories(trust);
        Files.copy(repo.resolve("metadata/1.root.json"), trust.resolve("production-root.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Path source = device.home.resolve("etc/io.updraft.source.repository-production.cfg");
        Distribution.replaceLine(source, "metadataUrl", "http://127.0.0.1:" + REPO_PORT + "/metadata/");
        Distribution.replaceLine(source, "targetsUrl", "http://127.0.0.1:" + REPO_PORT + "/targets/");
        Distribution.replaceLine(device.home.resolve("etc/io.updraft.checker.cfg"), "offerNewComponents", "true");
        // The update waits for the user's word, so the device stays at UPDATE_AVAILABLE for the checks below.
        Distribution.replaceLine(device.home.resolve("etc/io.updraft.scheduler.cfg"), "download", "confirm");

        device.start();
        String token = device.waitForRest();
        // Karaf reads the source's factory configuration from etc/ while other components already answer.
        String out = "";
        for (int i = 0; i < 60 && !out.contains("navigator"); i++) {
            out = device.clientMayFail("ota:check --no-format");
            assertTrue(out, out.contains("navigator") || out.contains("no_source"));
            Thread.sleep(out.contains("navigator") ? 0 : 500);
        }
        assertTrue(out, out.contains("navigator"));
        assertTrue(out, out.contains("2.1.0"));

        HttpResponse<String> checked = HttpClient.newHttpClient().send(
                device.request("check", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(checked.body(), 200, checked.statusCode());
        assertTrue(checked.body(), checked.body().contains("\"navigator\""));
        assertTrue(checked.body(), checked.body().contains("2.1.0"));
        String status = device.client("ota:status --no-format");
        assertTrue(status, status.contains("UPDATE_AVAILABLE"));

        // A mirror replays the timestamp from before the release: a rollback, refused with its reason.
        Files.write(repo.resolve("metadata/timestamp.json"), oldTimestamp);
        HttpResponse<String> refused = HttpClient.newHttpClient().send(
                device.request("check", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(refused.body(), 502, refused.statusCode());
        assertTrue(refused.body(), refused.body().contains("rollback"));
    }
}
