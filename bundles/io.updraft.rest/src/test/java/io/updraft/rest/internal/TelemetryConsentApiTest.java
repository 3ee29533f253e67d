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
import java.util.Map;

import org.eclipse.jetty.server.Server;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.updraft.product.DeviceIdentity;
import io.updraft.state.internal.DeviceStateComponent;
import io.updraft.logstore.internal.FileLogStore;
import io.updraft.logstore.internal.LogStoreConfig;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryEvents;
import io.updraft.telemetry.internal.TelemetryComponent;
import io.updraft.telemetry.internal.TelemetryConfig;

/** {@code GET|PUT telemetry/consent} in a real Jetty on 127.0.0.1 against the real telemetry runtime. */
public class TelemetryConsentApiTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private Path home;
    private TelemetryComponent telemetry;
    private FileLogStore store;
    private ApiServlet servlet;
    private Server server;
    private String base;
    private String token;

    @Before
    public void start() throws Exception {
        home = tmp.newFolder("home").toPath();
        telemetry = openTelemetry(2);
        Path tokenFile = tmp.getRoot().toPath().resolve("updraft-api.token");
        ApiToken apiToken = ApiToken.loadOrCreate(tokenFile, new SecureRandom(), System.getProperty("user.name"));
        token = Files.readString(tokenFile).strip();
        DeviceIdentity id = new DeviceIdentity("d00dfeed", "machine-id", "robot", "configured", "rev-c");
        servlet = new ApiServlet(apiToken, new DeviceStateComponent(Converters.standardConverter()
                .convert(Map.of("home", home.toString())).to(DeviceStateComponent.Config.class)), () -> id);
        servlet.consent = telemetry;
        server = ApiTestServer.start(servlet);
        base = ApiTestServer.base(server) + "/telemetry/consent";
    }

    private TelemetryComponent openTelemetry(int policyVersion) throws Exception {
        if (store == null) {
            store = new FileLogStore(Converters.standardConverter().convert(Map.of("home", home.toString(),
                    "minFreeBytes", "0", "minFreePercent", "0")).to(LogStoreConfig.class));
        }
        return new TelemetryComponent(Converters.standardConverter()
                // No anonymizer here: OTA events may be stored without one only when the maker says so.
                .convert(Map.of("home", home.toString(), "policyVersion", policyVersion, "storedWithoutAnonymizer",
                        "ota")).to(TelemetryConfig.class), store);
    }

    @After
    public void stop() throws Exception {
        server.stop();
        telemetry.deactivate();
        store.close();
    }

    private HttpResponse<String> send(String method, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode category(JsonNode body, String id) {
        for (JsonNode c : body.path("categories")) {
            if (c.path("category").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no " + id + " in " + body);
    }

    @Test
    public void getShowsEveryCategoryWithItsDefault() throws Exception {
        HttpResponse<String> r = send("GET", null);
        assertEquals(r.body(), 200, r.statusCode());
        JsonNode body = mapper.readTree(r.body());
        assertEquals(2, body.path("policyVersion").asInt());
        assertEquals(Category.values().length, body.path("categories").size());
        JsonNode usage = category(body, "usage");
        assertEquals("default_off", usage.path("status").asText());
        assertTrue(usage.path("personal").asBoolean());
        assertFalse(usage.path("allowed").asBoolean());
        assertTrue(usage.path("decidedAt").isNull());
        assertTrue(category(body, "ota").path("allowed").asBoolean());
    }

    @Test
    public void putGrantsAndWithdrawsDurablyAndPurges() throws Exception {
        telemetry.publish(TelemetryEvents.draft("t", 1, Category.OTA, "x", Map.of()));
        assertEquals(1, telemetry.status().stored().get(Category.OTA).events());
        HttpResponse<String> r = send("PUT", "{\"policyVersion\":2,\"grant\":[\"usage\"],\"withdraw\":[\"ota\",\"location\"]}");
        assertEquals(r.body(), 200, r.statusCode());
        JsonNode body = mapper.readTree(r.body());
        assertEquals("granted", category(body, "usage").path("status").asText());
        assertEquals(2, category(body, "usage").path("policyVersion").asInt());
        assertFalse(category(body, "usage").path("decidedAt").isNull());
        assertEquals("withdrawn", category(body, "ota").path("status").asText());
        assertEquals(0, telemetry.status().stored().get(Category.OTA).events());

        // A restart with a new policy version: the grant needs renewal, the withdrawal stands.
        telemetry.deactivate();
        telemetry = openTelemetry(3);
        servlet.consent = telemetry;
        body = mapper.readTree(send("GET", null).body());
        assertEquals("renewal_required", category(body, "usage").path("status").asText());
        assertEquals("withdrawn", category(body, "ota").path("status").asText());
    }

    @Test
    public void badBodiesAre400NamingTheFieldOrValue() throws Exception {
        String[][] cases = {
            {"{\"policyVersion\":2,\"grant\":[\"gps\"]}", "'gps'"},
            {"{\"policyVersion\":2,\"grant\":\"usage\"}", "grant must be an array"},
            {"{\"policyVersion\":\"2\",\"grant\":[\"usage\"]}", "policyVersion \"2\""},
            {"{\"grant\":[\"usage\"]}", "policyVersion is required"},
            {"{\"policyVersion\":2,\"withdraw\":[7]}", "withdraw holds 7"},
            {"{\"policyVersion\":2,\"grnt\":[\"usage\"]}", "unknown field 'grnt'"},
            {"{\"policyVersion\":2,\"grant\":[\"usage\"],\"withdraw\":[\"usage\"]}", "both granted and withdrawn"},
            {"{\"policyVersion\":2}", "nothing to change"},
            {"[1,2]", "JSON object"},
            {"{\"policyVersion\":", "not JSON"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = send("PUT", c[0]);
            assertEquals(c[0] + " -> " + r.body(), 400, r.statusCode());
            JsonNode body = mapper.readTree(r.body());
            assertEquals("bad_request", body.path("error").asText());
            assertTrue(c[0] + " -> " + body, body.path("message").asText().contains(c[1]));
        }
        HttpResponse<String> stale = send("PUT", "{\"policyVersion\":1,\"grant\":[\"usage\"]}");
        assertEquals(409, stale.statusCode());
        assertTrue(stale.body(), stale.body().contains("version 2"));
        assertFalse(telemetry.allowed(Category.USAGE));
    }

    @Test
    public void withoutTelemetryIs503() throws Exception {
        servlet.consent = null;
        for (String method : new String[] {"GET", "PUT"}) {
            HttpResponse<String> r = send(method, "{\"withdraw\":[\"usage\"]}");
            assertEquals(503, r.statusCode());
            assertEquals("unavailable", mapper.readTree(r.body()).path("error").asText());
        }
        assertEquals(405, send("DELETE", null).statusCode());
    }
}
