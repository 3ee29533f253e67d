package io.updraft.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.server.Server;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.updraft.downloader.DownloadState;
import io.updraft.downloader.DownloadStatus;
import io.updraft.product.DeviceIdentity;
import io.updraft.scheduler.Confirmation;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.Stage;
import io.updraft.scheduler.UpdateProgress;
import io.updraft.scheduler.When;
import io.updraft.state.internal.DeviceStateComponent;
import io.updraft.update.Offer;
import io.updraft.update.Release;
import io.updraft.update.Version;

/** {@code GET progress}, {@code POST pause|resume|install} and {@code GET status}'s schedule in a real Jetty on 127.0.0.1. */
public class SchedulerApiTest {
    private static final Instant AT = FakeScheduler.AT;
    private static final Instant WINDOW = Instant.parse("2026-06-02T03:00:00Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final FakeScheduler scheduler = new FakeScheduler();
    private ApiServlet servlet;
    private Server server;
    private String base;
    private String token;

    @Before
    public void start() throws Exception {
        Path tokenFile = tmp.getRoot().toPath().resolve("updraft-api.token");
        ApiToken apiToken = ApiToken.loadOrCreate(tokenFile, new SecureRandom(), System.getProperty("user.name"));
        token = Files.readString(tokenFile).strip();
        DeviceIdentity id = new DeviceIdentity("d00dfeed", "machine-id", "robot", "configured", "rev-c");
        servlet = new ApiServlet(apiToken, new DeviceStateComponent(Converters.standardConverter()
                .convert(Map.of("home", tmp.newFolder("home").toString())).to(DeviceStateComponent.Config.class)), () -> id);
        servlet.scheduler = scheduler;
        server = ApiTestServer.start(servlet);
        base = ApiTestServer.base(server);
    }

    @After
    public void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(HttpResponse<String> r) throws Exception {
        assertEquals(r.body(), 200, r.statusCode());
        return mapper.readTree(r.body());
    }

    private void assertError(HttpResponse<String> r, int status, String code, String inMessage) throws Exception {
        assertEquals(r.body(), status, r.statusCode());
        JsonNode body = mapper.readTree(r.body());
        assertEquals(r.body(), code, body.path("error").asText());
        assertTrue(r.body(), body.path("message").asText().contains(inMessage));
    }

    private static Schedule schedule(Stage stage, Instant installNotBefore, Confirmation confirmation, List<String> blockers) {
        Release r = new Release("app", Version.parse("1.3.0"), null, null, Release.Kind.FULL, null);
        Offer o = new Offer(r, "production", "app.updraft", 2048, Map.of("sha256", "0".repeat(64)), null, null, "archive");
        return new Schedule("u-42", List.of(o), stage, When.NOW, When.WINDOW, null, installNotBefore, confirmation,
                blockers, null, "", AT);
    }

    private static DownloadStatus download(String component, DownloadState state, long bytes, long total, long rate,
            Duration eta, String url, int attempts, String problem) {
        return new DownloadStatus(component + "-dl", "u-42", component, state, bytes, total, rate, eta, url, attempts, 512,
                problem, AT);
    }

    @Test
    public void progressAnswersTotalsAndOneEntryPerArtifact() throws Exception {
        scheduler.progress = new UpdateProgress("u-42", Stage.DOWNLOADING, 3072, 4096, 1024, Duration.ofSeconds(1), List.of(
                download("app", DownloadState.RUNNING, 1024, 2048, 1024, Duration.ofSeconds(1),
                        "https://mirror-2.example.com/app.updraft?token=s3cret", 2, ""),
                download("nav", DownloadState.COMPLETE, 2048, 2048, 0, null, null, 1, "")));
        JsonNode body = ok(send("GET", "/progress", null));
        assertEquals("u-42", body.path("updateId").asText());
        assertEquals("DOWNLOADING", body.path("stage").asText());
        assertEquals(3072, body.path("done").asLong());
        assertEquals(4096, body.path("total").asLong());
        assertEquals(75, body.path("percent").asInt());
        assertEquals(1024, body.path("bytesPerSecond").asLong());
        assertEquals(1, body.path("etaSeconds").asLong());
        JsonNode app = body.at("/downloads/0");
        assertEquals("app-dl", app.path("id").asText());
        assertEquals("app", app.path("component").asText());
        assertEquals("RUNNING", app.path("state").asText());
        assertEquals(1024, app.path("bytes").asLong());
        assertEquals(2048, app.path("total").asLong());
        assertEquals(50, app.path("percent").asInt());
        assertEquals(1, app.path("etaSeconds").asLong());
        assertEquals("mirror-2.example.com", app.path("mirror").asText());
        assertEquals(2, app.path("attempts").asInt());
        assertEquals(512, app.path("refetchedBytes").asLong());
        assertEquals(AT.toString(), app.path("updated").asText());
        assertFalse("URL secrets stay on the device: " + body, body.toString().contains("s3cret"));
        JsonNode nav = body.at("/downloads/1");
        assertTrue(nav.toString(), nav.path("etaSeconds").isNull());
        assertTrue(nav.toString(), nav.path("mirror").isNull());
    }

    @Test
    public void progressWithNothingPendingHasNoStage() throws Exception {
        JsonNode body = ok(send("GET", "/progress", null));
        assertEquals("", body.path("updateId").asText());
        assertTrue(body.toString(), body.path("stage").isNull());
        assertTrue(body.toString(), body.path("etaSeconds").isNull());
        assertEquals(0, body.path("downloads").size());
    }

    @Test
    public void pauseAndResumeAnswerTheResultingSchedule() throws Exception {
        scheduler.answer = schedule(Stage.PAUSED, null, Confirmation.NOT_NEEDED, List.of());
        JsonNode body = ok(send("POST", "/pause", null));
        assertEquals("PAUSED", body.path("stage").asText());
        assertEquals("u-42", body.path("updateId").asText());
        scheduler.answer = schedule(Stage.DOWNLOADING, null, Confirmation.NOT_NEEDED, List.of());
        assertEquals("DOWNLOADING", ok(send("POST", "/resume", null)).path("stage").asText());
        assertEquals(List.of("pause by rest", "resume by rest"), scheduler.calls);
    }

    @Test
    public void installBodiesChooseNowWindowOrDeny() throws Exception {
        scheduler.answer = schedule(Stage.WAITING_TO_INSTALL, WINDOW,
                new Confirmation(Confirmation.State.CONFIRMED, null, "", "rest", AT), List.of());
        JsonNode body = ok(send("POST", "/install", "{\"when\":\"window\"}"));
        assertEquals("window", body.at("/install/when").asText());
        assertEquals(WINDOW.toString(), body.at("/install/notBefore").asText());
        assertEquals("CONFIRMED", body.at("/confirmation/state").asText());
        assertEquals("rest", body.at("/confirmation/by").asText());
        ok(send("POST", "/install", "{\"when\":\"now\"}"));
        ok(send("POST", "/install", "{\"decision\":\"install\",\"when\":\"now\"}"));
        ok(send("POST", "/install", "{\"decision\":\"deny\"}"));
        assertEquals(List.of("installInWindow by rest", "installNow by rest", "installNow by rest", "deny by rest"),
                scheduler.calls);
    }

    @Test
    public void badInstallBodiesAre400NamingTheValue() throws Exception {
        String[][] cases = {
            {"{\"when\":\"tomorrow\"}", "when 'tomorrow' is not one of: now, window"},
            {"{\"when\":\"NOW\"}", "'NOW'"},
            {"{}", "when is required"},
            {"{\"decision\":\"install\"}", "when is required"},
            {"{\"decision\":\"maybe\"}", "decision 'maybe' is not one of: install, deny"},
            {"{\"decision\":\"deny\",\"when\":\"now\"}", "when 'now' does not go with decision 'deny'"},
            {"{\"when\":1}", "when must be a string, got 1"},
            {"{\"whn\":\"now\"}", "unknown field 'whn'"},
            {"[\"now\"]", "JSON object"},
            {"\"now\"", "JSON object"},
            {"", "JSON object"},
            {"{\"when\":", "not JSON"},
        };
        for (String[] c : cases) {
            assertError(send("POST", "/install", c[0]), 400, "bad_request", c[1]);
        }
        assertError(send("POST", "/install", "{\"when\":\"" + "n".repeat(InstallRequest.MAX_BODY) + "\"}"), 413,
                "too_large", "larger than");
        assertTrue("nothing reached the scheduler: " + scheduler.calls, scheduler.calls.isEmpty());
    }

    @Test
    public void schedulerRefusalsMapToStatusAndCode() throws Exception {
        Object[][] cases = {
            {SchedulerException.Code.NOTHING_PENDING, 404, "nothing_pending"},
            {SchedulerException.Code.WRONG_STAGE, 409, "wrong_stage"},
            {SchedulerException.Code.INVALID, 400, "invalid"},
            {SchedulerException.Code.STORAGE, 500, "storage"},
        };
        for (Object[] c : cases) {
            String message = "update u-42 in stage VERIFYING: " + c[0];
            scheduler.answer = new SchedulerException((SchedulerException.Code) c[0], message);
            assertError(send("POST", "/pause", null), (int) c[1], (String) c[2], message);
            assertError(send("POST", "/resume", null), (int) c[1], (String) c[2], message);
            assertError(send("POST", "/install", "{\"when\":\"now\"}"), (int) c[1], (String) c[2], message);
        }
    }

    @Test
    public void withoutSchedulerTheNewEndpointsAre503AndStatusStillWorks() throws Exception {
        servlet.scheduler = null;
        assertError(send("GET", "/progress", null), 503, "unavailable", "scheduler");
        assertError(send("POST", "/pause", null), 503, "unavailable", "scheduler");
        assertError(send("POST", "/resume", null), 503, "unavailable", "scheduler");
        assertError(send("POST", "/install", "{\"when\":\"now\"}"), 503, "unavailable", "scheduler");
        assertError(send("POST", "/install", "{\"when\":\"later\"}"), 503, "unavailable", "scheduler");
        JsonNode status = ok(send("GET", "/status", null));
        assertEquals("d00dfeed", status.at("/device/id").asText());
        assertFalse(status.toString(), status.has("schedule"));
        assertTrue(scheduler.calls.isEmpty());
    }

    @Test
    public void statusShowsTheScheduleWhenOneIsPending() throws Exception {
        assertFalse(ok(send("GET", "/status", null)).has("schedule"));
        scheduler.current = Optional.of(schedule(Stage.AWAITING_CONFIRMATION, WINDOW,
                new Confirmation(Confirmation.State.PENDING, Instant.parse("2026-06-03T12:00:00Z"), "install", "", null),
                List.of("battery at 12% is below the required 30%")));
        JsonNode status = ok(send("GET", "/status", null));
        assertEquals("IDLE", status.at("/update/state").asText());
        assertEquals("robot", status.at("/device/product").asText());
        JsonNode s = status.path("schedule");
        assertEquals("u-42", s.path("updateId").asText());
        assertEquals("AWAITING_CONFIRMATION", s.path("stage").asText());
        assertEquals("app", s.at("/releases/0/component").asText());
        assertEquals("1.3.0", s.at("/releases/0/version").asText());
        assertEquals("now", s.at("/download/when").asText());
        assertTrue(s.toString(), s.at("/download/notBefore").isNull());
        assertEquals("window", s.at("/install/when").asText());
        assertEquals(WINDOW.toString(), s.at("/install/notBefore").asText());
        assertEquals("PENDING", s.at("/confirmation/state").asText());
        assertEquals("2026-06-03T12:00:00Z", s.at("/confirmation/deadline").asText());
        assertEquals("install", s.at("/confirmation/defaultAction").asText());
        assertTrue(s.toString(), s.at("/confirmation/at").isNull());
        assertEquals("battery at 12% is below the required 30%", s.at("/blockers/0").asText());
        assertTrue(s.toString(), s.path("nextAttempt").isNull());
        assertEquals("", s.path("problem").asText());
        assertEquals(AT.toString(), s.path("updated").asText());
    }

    @Test
    public void methodsAreCheckedAndTheTokenIsRequired() throws Exception {
        assertError(send("GET", "/pause", null), 405, "method_not_allowed", "allowed: POST");
        assertError(send("POST", "/progress", null), 405, "method_not_allowed", "allowed: GET");
        assertError(send("GET", "/install", null), 405, "method_not_allowed", "allowed: POST");
        for (String path : new String[] {"/install", "/pause", "/resume"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"when\":\"now\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode());
        }
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(base + "/progress")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertTrue(scheduler.calls.isEmpty());
    }
}
