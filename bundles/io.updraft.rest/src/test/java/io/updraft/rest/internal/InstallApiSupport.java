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
import java.util.Map;

import org.eclipse.jetty.server.Server;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.updraft.product.DeviceIdentity;
import io.updraft.state.internal.DeviceStateComponent;

/** The API servlet with a fake installer and scheduler and the real state store, in a real Jetty on 127.0.0.1. */
abstract class InstallApiSupport {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper mapper = new ObjectMapper();
    final FakeInstallService installer = new FakeInstallService();
    final FakeScheduler scheduler = new FakeScheduler();
    DeviceStateComponent state;
    ApiServlet servlet;
    private Server server;
    private String base;
    private String token;

    @Before
    public void start() throws Exception {
        Path tokenFile = tmp.getRoot().toPath().resolve("updraft-api.token");
        ApiToken apiToken = ApiToken.loadOrCreate(tokenFile, new SecureRandom(), System.getProperty("user.name"));
        token = Files.readString(tokenFile).strip();
        DeviceIdentity id = new DeviceIdentity("d00dfeed", "machine-id", "robot", "configured", "rev-c");
        state = new DeviceStateComponent(Converters.standardConverter()
                .convert(Map.of("home", tmp.newFolder("home").toString())).to(DeviceStateComponent.Config.class));
        servlet = new ApiServlet(apiToken, state, () -> id);
        servlet.scheduler = scheduler;
        servlet.installer = installer;
        server = ApiTestServer.start(servlet);
        base = ApiTestServer.base(server);
    }

    @After
    public void stop() throws Exception {
        installer.release.countDown();
        server.stop();
        servlet.deactivate();
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode ok(HttpResponse<String> r) throws Exception {
        return status(r, 200);
    }

    JsonNode status(HttpResponse<String> r, int status) throws Exception {
        assertEquals(r.body(), status, r.statusCode());
        return mapper.readTree(r.body());
    }

    void assertError(HttpResponse<String> r, int status, String code, String inMessage) throws Exception {
        assertEquals(r.body(), status, r.statusCode());
        JsonNode body = mapper.readTree(r.body());
        assertEquals(r.body(), code, body.path("error").asText());
        assertTrue(r.body(), body.path("message").asText().contains(inMessage));
    }
}
