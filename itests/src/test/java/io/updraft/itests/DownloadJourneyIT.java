package io.updraft.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The download journey over the distribution: a release that waits for the user's word, "install now" overriding
 * the maintenance window, a throttled download paused over REST, the pause kept across a restart of the runtime with
 * its partial data, resumed, verified against the signed metadata and the package signature, and installed.
 * The first targets URL is dead, so the artifact comes from the configured mirror. The runtime's own log lands in
 * the log store on the way.
 */
public class DownloadJourneyIT {
    private static final String HTTP_PORT = "19581";
    private static final String SSH_PORT = "19501";
    private static final String REPO_PORT = "19710";
    private static final String DEAD_PORT = "19711";
    private static final int PAYLOAD = 24 << 20;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Distribution device;
    private Vendor vendor;

    @Before
    public void setUp() throws Exception {
        device = Distribution.unpack(tmp.newFolder("device").toPath(), HTTP_PORT, SSH_PORT);
        vendor = new Vendor(device, tmp.getRoot().toPath(), REPO_PORT);
    }

    @After
    public void tearDown() throws Exception {
        vendor.close();
        if (device != null) {
            device.stop();
        }
    }

    private void release() throws Exception {
        vendor.init();
        Path app = tmp.newFolder("app").toPath();
        // Random bytes: compression cannot shrink them, so the transfer is as long as the payload.
        byte[] data = new byte[PAYLOAD];
        new Random(42).nextBytes(data);
        Files.write(app.resolve("map.bin"), data);
        vendor.add(vendor.pkg("navigator", "2.1.0", app, tmp.getRoot().toPath().resolve("navigator-2.1.0.updraft")));
        vendor.serve();
    }

    private void configureDevice() throws Exception {
        vendor.trustedBy(device);
        Path source = device.home.resolve("etc/io.updraft.source.repository-production.cfg");
        // The first targets URL has no server behind it: the download fails over to the mirror.
        Distribution.replaceLine(source, "targetsUrl", "http://127.0.0.1:" + DEAD_PORT + "/targets/");
        Distribution.replaceLine(source, "targetsMirrors", "http://127.0.0.1:" + REPO_PORT + "/targets/");
        Distribution.replaceLine(device.home.resolve("etc/io.updraft.checker.cfg"), "offerNewComponents", "true");
        Path scheduler = device.home.resolve("etc/io.updraft.scheduler.cfg");
        Distribution.replaceLine(scheduler, "download", "confirm");
        // A maintenance window twelve hours away: only "install now" can make the install due during this test.
        LocalTime start = LocalTime.now().plusHours(12).withSecond(0).withNano(0);
        Distribution.replaceLine(scheduler, "window", start + "-" + start.plusMinutes(30));
        Distribution.replaceLine(scheduler, "productPolicies", "");
        // 4 MiB/s: the 24 MiB artifact takes about six seconds, long enough to pause it on the way.
        Distribution.replaceLine(device.home.resolve("etc/io.updraft.downloader.cfg"), "rateLimit",
                String.valueOf(4 << 20));
    }

    private JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> r = http.send(device.request(path, token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        return json.readTree(r.body());
    }

    private JsonNode post(String path, String token, String body) throws Exception {
        HttpResponse<String> r = http.send(device.request(path, token).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(path + ": " + r.body(), 200, r.statusCode());
        return json.readTree(r.body());
    }

    private JsonNode awaitProgress(String token, String what, int seconds, Predicate<JsonNode> done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        JsonNode p = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(device.request("progress", token).build(),
                    HttpResponse.BodyHandlers.ofString());
            // 503 while the scheduler is still starting after a restart; the REST API answers before it.
            if (r.statusCode() != 503) {
                assertEquals(r.body(), 200, r.statusCode());
                p = json.readTree(r.body());
                if (done.test(p)) {
                    return p;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + what + " within " + seconds + " s; last progress: " + p + "; see "
                + device.home.resolve("data/log/karaf.log"));
    }

    private JsonNode due(String token) throws Exception {
        return get("progress", token);
    }

    private JsonNode awaitHistory(String token, String what, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        JsonNode h = null;
        while (System.nanoTime() < deadline) {
            h = get("history?limit=1", token);
            JsonNode newest = h.path("history").path(0);
            if ("SUCCEEDED".equals(newest.path("outcome").asText())) {
                return newest;
            }
            assertTrue(h.toString(), !newest.has("outcome") || "RUNNING".equals(newest.path("outcome").asText()));
            Thread.sleep(200);
        }
        throw new AssertionError("no " + what + " within " + seconds + " s; last history: " + h + "; see "
                + device.home.resolve("data/log/karaf.log"));
    }

    @Test
    public void installNowDownloadsPausesAcrossARestartAndInstalls() throws Exception {
        release();
        configureDevice();
        device.start();
        String token = device.waitForRest();

        // The source's factory configuration is read while the rest already answers.
        String out = "";
        for (int i = 0; i < 60 && !out.contains("navigator"); i++) {
            out = device.clientMayFail("ota:check --no-format");
            Thread.sleep(out.contains("navigator") ? 0 : 500);
        }
        assertTrue(out, out.contains("navigator"));
        JsonNode waiting = awaitProgress(token, "confirmation question", 30,
                p -> "AWAITING_CONFIRMATION".equals(p.path("stage").asText()));
        assertEquals(0, waiting.path("done").asLong());
        String pending = device.client("ota:install --no-format");
        assertTrue(pending, pending.contains("AWAITING_CONFIRMATION"));

        // "Install now" is the user's word and overrides the window.
        JsonNode decided = post("install", token, "{\"when\":\"now\"}");
        assertTrue(decided.toString(), decided.toString().contains("navigator"));
        JsonNode running = awaitProgress(token, "download under way", 30,
                p -> "DOWNLOADING".equals(p.path("stage").asText()) && p.path("done").asLong() > (1 << 20));
        assertTrue(running.toString(), running.path("total").asLong() > PAYLOAD);

        post("pause", token, null);
        JsonNode paused = awaitProgress(token, "pause", 10, p -> "PAUSED".equals(p.path("stage").asText()));
        long kept = paused.path("done").asLong();
        assertTrue(paused.toString(), kept > 0 && kept < paused.path("total").asLong());
        String shown = device.client("ota:progress --no-format");
        assertTrue(shown, shown.contains("PAUSED"));

        // A restart keeps the pause and the partial data.
        device.stop();
        device.start();
        token = device.waitForRest();
        JsonNode afterRestart = awaitProgress(token, "paused download after the restart", 60,
                p -> "PAUSED".equals(p.path("stage").asText()));
        assertTrue(afterRestart.toString(), afterRestart.path("done").asLong() > 0);
        Thread.sleep(1500);
        assertEquals("a paused download must not move after a restart", "PAUSED",
                get("progress", token).path("stage").asText());

        post("resume", token, null);
        // Verified, due, and then installed at once: "install now" holds for the install too.
        JsonNode installed = awaitHistory(token, "install of navigator 2.1.0", 120);
        assertTrue(installed.toString(), installed.path("changes").toString().contains("2.1.0"));
        JsonNode status = get("status", token);
        assertEquals(status.toString(), "IDLE", status.path("update").path("state").asText());
        assertTrue(status.toString(), status.path("components").toString().contains("\"activeVersion\":\"2.1.0\""));
        assertEquals("the installed artifact must be byte for byte the published one", PAYLOAD,
                Files.size(device.home.resolve("data/updraft/components/navigator/current/map.bin")));
        assertEquals(due(token).toString(), "", due(token).path("updateId").asText());

        String history = device.client("ota:status --no-format");
        assertTrue(history, history.contains("navigator") && history.contains("2.1.0"));
        // The download is deleted once it is installed.
        try (Stream<Path> files = Files.list(device.home.resolve("data/updraft/downloads"))) {
            List<Path> left = files.filter(f -> f.getFileName().toString().startsWith("u-")).toList();
            assertEquals(left.toString(), List.of(), left);
        }

        // The runtime's own log goes to the log store's "log" stream.
        Path logStream = device.home.resolve("data/updraft/telemetry/segments/log");
        assertTrue(logStream + " missing", Files.isDirectory(logStream));
        try (Stream<Path> segments = Files.list(logStream)) {
            assertTrue("no log segment in " + logStream, segments.anyMatch(f -> f.toString().contains(".seg")));
        }
    }
}
