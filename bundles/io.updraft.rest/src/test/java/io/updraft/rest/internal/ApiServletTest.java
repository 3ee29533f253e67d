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
import java.time.Instant;
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
import io.updraft.update.InstalledComponent;
import io.updraft.state.internal.DeviceStateComponent;
import io.updraft.update.DeviceStateService;
import io.updraft.update.UpdateState;
import io.updraft.update.Version;

/** The servlet in a real Jetty on 127.0.0.1, called over HTTP. */
public class ApiServletTest {
    private static final String ME = System.getProperty("user.name");
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private DeviceStateService state;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private Server server;
    private String base;
    private String token;

    @Before
    public void start() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        // A damaged state file the store must detect and report through the API.
        Files.createDirectories(home.resolve("state"));
        Files.writeString(home.resolve("state/device.json"), "{\"half\": ");
        state = new DeviceStateComponent(Converters.standardConverter()
                .convert(Map.of("home", home.toString())).to(DeviceStateComponent.Config.class));
        Path tokenFile = tmp.getRoot().toPath().resolve("updraft-api.token");
        ApiToken apiToken = ApiToken.loadOrCreate(tokenFile, new SecureRandom(), ME);
        token = Files.readString(tokenFile).strip();
        DeviceIdentity id = new DeviceIdentity("d00dfeed", "machine-id", "robot", "configured", "rev-c");
        ApiServlet servlet = new ApiServlet(apiToken, state, () -> id);

        server = ApiTestServer.start(servlet);
        base = ApiTestServer.base(server);
    }

    @After
    public void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> r) throws Exception {
        assertEquals("application/json;charset=utf-8", r.headers().firstValue("Content-Type").orElse("").toLowerCase().replace(" ", ""));
        return mapper.readTree(r.body());
    }

    @Test
    public void statusWithTokenShowsDeviceComponentsAndState() throws Exception {
        state.recordInstalled(new InstalledComponent("app", Version.parse("2.1.0-rc.1"), Instant.parse("2026-11-01T10:00:00Z")));
        state.transition(UpdateState.CHECKING, "u-1", "on demand");

        HttpResponse<String> r = send("GET", "/status", "Bearer " + token);
        assertEquals(r.body(), 200, r.statusCode());
        JsonNode body = json(r);
        assertEquals("d00dfeed", body.at("/device/id").asText());
        assertEquals("robot", body.at("/device/product").asText());
        assertEquals("rev-c", body.at("/device/hardwareRevision").asText());
        assertEquals("app", body.at("/components/0/name").asText());
        assertEquals("2.1.0-rc.1", body.at("/components/0/version").asText());
        assertEquals("CHECKING", body.at("/update/state").asText());
        assertEquals("u-1", body.at("/update/updateId").asText());
        assertTrue(body.toString(), body.at("/recoveries/0/file").asText().endsWith("device.json"));
        assertFalse(body.toString(), body.at("/recoveries/0/problem").asText().isEmpty());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    public void missingTokenIs401Json() throws Exception {
        HttpResponse<String> r = send("GET", "/status", null);
        assertEquals(401, r.statusCode());
        assertEquals("unauthorized", json(r).path("error").asText());
        assertTrue(json(r).path("message").asText().contains("Authorization"));
        assertEquals("Bearer realm=\"updraft\"", r.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    public void wrongTokenOrSchemeIs401() throws Exception {
        for (String auth : new String[] {"Bearer nope", "Bearer " + token + "x", "Basic " + token, "Bearer", token}) {
            HttpResponse<String> r = send("GET", "/status", auth);
            assertEquals(auth, 401, r.statusCode());
            assertEquals("unauthorized", json(r).path("error").asText());
        }
    }

    @Test
    public void unknownPathIs404AndWrongMethodIs405AfterAuthentication() throws Exception {
        HttpResponse<String> r = send("GET", "/nothing-here", "Bearer " + token);
        assertEquals(404, r.statusCode());
        assertEquals("not_found", json(r).path("error").asText());
        assertTrue(json(r).path("message").asText().contains("/updraft/api/v1/nothing-here"));

        r = send("DELETE", "/status", "Bearer " + token);
        assertEquals(405, r.statusCode());
        assertEquals("method_not_allowed", json(r).path("error").asText());

        // Without a token, nothing reveals which resources exist.
        assertEquals(401, send("GET", "/nothing-here", null).statusCode());
    }
}
