package io.updraft.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jetty.server.Server;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.updraft.checker.internal.CheckerComponent;
import io.updraft.checker.internal.CheckerConfig;
import io.updraft.product.DeviceIdentity;
import io.updraft.product.DeviceInfo;
import io.updraft.state.internal.DeviceStateComponent;
import io.updraft.update.InstalledComponent;
import io.updraft.update.Offer;
import io.updraft.update.Release;
import io.updraft.update.SourceException;
import io.updraft.update.UpdateSource;
import io.updraft.update.UpdateState;
import io.updraft.update.Version;

/** {@code POST check} in a real Jetty on 127.0.0.1 against the real checker and state store. */
public class CheckApiTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private DeviceStateComponent state;
    private CheckerComponent checker;
    private ApiServlet servlet;
    private Server server;
    private String url;
    private String token;
    /** What the source answers: a list of offers, or a SourceException to throw. */
    private volatile Object answer = List.of();

    private final UpdateSource source = new UpdateSource() {
        @Override
        public String name() {
            return "production";
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<Offer> offers() throws SourceException {
            if (answer instanceof SourceException) {
                throw (SourceException) answer;
            }
            return (List<Offer>) answer;
        }
    };

    @Before
    public void start() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        state = new DeviceStateComponent(Converters.standardConverter()
                .convert(Map.of("home", home.toString())).to(DeviceStateComponent.Config.class));
        DeviceIdentity id = new DeviceIdentity("d00dfeed", "machine-id", "robot", "configured", "rev-c");
        DeviceInfo device = () -> id;
        checker = new CheckerComponent(Converters.standardConverter().convert(Map.of("enabled", false))
                .to(CheckerConfig.class), state, device);
        checker.bindUpdateSource(source, Map.of(UpdateSource.NAME_PROPERTY, "production"));

        Path tokenFile = tmp.getRoot().toPath().resolve("updraft-api.token");
        ApiToken apiToken = ApiToken.loadOrCreate(tokenFile, new SecureRandom(), System.getProperty("user.name"));
        token = Files.readString(tokenFile).strip();
        servlet = new ApiServlet(apiToken, state, device);
        servlet.checker = checker;
        server = ApiTestServer.start(servlet);
        url = ApiTestServer.base(server) + "/check";
    }

    @After
    public void stop() throws Exception {
        server.stop();
        checker.deactivate();
    }

    private HttpResponse<String> send(String method) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Offer offer(String component, String version, String deltaBase) {
        Release r = new Release(component, Version.parse(version), Set.of("robot"), Set.of(),
                deltaBase == null ? Release.Kind.FULL : Release.Kind.DELTA, deltaBase == null ? null : Version.parse(deltaBase));
        return new Offer(r, "production", component + "/" + component + "-" + version + ".updraft", 4096,
                Map.of("sha256", "ab".repeat(32)), Map.of("base-os", "^4.0.0"), Map.of(), "archive");
    }

    @Test
    public void checkAnswersTheResultAndMovesTheDevice() throws Exception {
        state.recordInstalled(new InstalledComponent("app", Version.parse("1.2.0"), Instant.EPOCH));
        state.recordInstalled(new InstalledComponent("base-os", Version.parse("4.1.0"), Instant.EPOCH));
        answer = List.of(offer("app", "1.3.0", "1.2.0"), offer("app", "1.1.0", null));

        HttpResponse<String> r = send("POST");
        assertEquals(r.body(), 200, r.statusCode());
        JsonNode body = mapper.readTree(r.body());
        assertEquals("production", body.path("source").asText());
        assertEquals(false, body.path("failed").asBoolean(true));
        JsonNode u = body.at("/updates/0");
        assertEquals("app", u.path("component").asText());
        assertEquals("1.2.0", u.path("installed").asText());
        assertEquals("1.3.0", u.path("version").asText());
        assertEquals("delta", u.path("kind").asText());
        assertEquals("1.2.0", u.path("deltaBase").asText());
        assertEquals(4096, u.path("length").asLong());
        assertEquals("ab".repeat(32), u.at("/hashes/sha256").asText());
        assertEquals("^4.0.0", u.at("/requires/base-os").asText());
        assertEquals("robot", u.at("/products/0").asText());
        assertEquals("app 1.1.0: not newer than installed 1.2.0", body.at("/skipped/0").asText());
        assertEquals(UpdateState.UPDATE_AVAILABLE, state.status().state());
        assertEquals(body.path("checkedAt").asText(), state.lastCheck().orElseThrow().checkedAt().toString());
    }

    @Test
    public void sourceFailureIs502WithTheSourcesCode() throws Exception {
        answer = new SourceException("mix_and_match", "snapshot.json does not match timestamp.json", false, null);
        HttpResponse<String> r = send("POST");
        assertEquals(502, r.statusCode());
        JsonNode body = mapper.readTree(r.body());
        assertEquals("mix_and_match", body.path("error").asText());
        assertEquals("snapshot.json does not match timestamp.json", body.path("message").asText());
        assertEquals(UpdateState.FAILED, state.status().state());
    }

    @Test
    public void busyDeviceIs409() throws Exception {
        state.transition(UpdateState.VERIFYING, "offline-1", "package from USB");
        HttpResponse<String> r = send("POST");
        assertEquals(409, r.statusCode());
        JsonNode body = mapper.readTree(r.body());
        assertEquals("busy", body.path("error").asText());
        assertTrue(body.toString(), body.path("message").asText().contains("VERIFYING"));
    }

    @Test
    public void withoutCheckerIs503AndOnlyPostIsAllowed() throws Exception {
        servlet.checker = null;
        HttpResponse<String> r = send("POST");
        assertEquals(503, r.statusCode());
        assertEquals("unavailable", mapper.readTree(r.body()).path("error").asText());
        r = send("GET");
        assertEquals(405, r.statusCode());
        assertTrue(r.body(), mapper.readTree(r.body()).path("message").asText().contains("allowed: POST"));
    }

    @Test
    public void checkNeedsTheToken() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertTrue(state.history(10).isEmpty());
        assertTrue(state.lastCheck().isEmpty());
    }
}
