package io.updraft.source.repository.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.sun.net.httpserver.HttpExchange;

/** ETag and Last-Modified caching against a server whose answers the test controls. */
public class ConditionalFetchTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<String> conditions = Collections.synchronizedList(new ArrayList<>());
    private volatile byte[] content = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
    private volatile String etag = "\"v1\"";
    private LoopbackServer server;

    @After
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        conditions.add(ifNoneMatch + "|" + ifModifiedSince);
        if (etag != null && etag.equals(ifNoneMatch) || etag == null && ifModifiedSince != null) {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        if (etag != null) {
            exchange.getResponseHeaders().add("ETag", etag);
        } else {
            exchange.getResponseHeaders().add("Last-Modified", "Mon, 23 Nov 2026 10:00:00 GMT");
        }
        Handlers.bytes(content, java.util.Map.of()).handle(exchange);
    }

    private HttpTransport transport() throws IOException {
        server = LoopbackServer.http().handle("/metadata/", this::serve);
        return TestSettings.transport(TestSettings.properties(server.base(), tmp.getRoot().toPath()));
    }

    @Test
    public void secondFetchIsConditionalAndGetsTheCachedBytes() throws Exception {
        HttpTransport transport = transport();
        byte[] first = content;
        assertArrayEquals(first, transport.fetchMetadata("timestamp.json", 1024).orElseThrow());
        assertArrayEquals(first, transport.fetchMetadata("timestamp.json", 1024).orElseThrow());
        assertEquals(List.of("null|null", "\"v1\"|null"), conditions);
        assertTrue(Files.exists(tmp.getRoot().toPath().resolve("cache/timestamp.json")));

        content = "{\"v\":2}".getBytes(StandardCharsets.UTF_8);
        etag = "\"v2\"";
        assertArrayEquals(content, transport.fetchMetadata("timestamp.json", 1024).orElseThrow());
        assertArrayEquals(content, transport.fetchMetadata("timestamp.json", 1024).orElseThrow());
        assertEquals("\"v2\"|null", conditions.get(3));
    }

    @Test
    public void lastModifiedIsUsedWithoutAnEtag() throws Exception {
        etag = null;
        HttpTransport transport = transport();
        transport.fetchMetadata("timestamp.json", 1024);
        assertArrayEquals(content, transport.fetchMetadata("timestamp.json", 1024).orElseThrow());
        assertEquals(List.of("null|null", "null|Mon, 23 Nov 2026 10:00:00 GMT"), conditions);
    }

    @Test
    public void cacheSurvivesANewTransportButNotATamperedBody() throws Exception {
        transport().fetchMetadata("snapshot.json", 1024);
        HttpTransport again = TestSettings.transport(TestSettings.properties(server.base(), tmp.getRoot().toPath()));
        assertArrayEquals(content, again.fetchMetadata("snapshot.json", 1024).orElseThrow());
        Path cached = tmp.getRoot().toPath().resolve("cache/snapshot.json");
        Files.write(cached, "{\"v\":0}".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(content, again.fetchMetadata("snapshot.json", 1024).orElseThrow());
        assertEquals(List.of("null|null", "\"v1\"|null", "null|null"), conditions);
    }

    @Test
    public void onlyTheNewestVersionOfAConsistentSnapshotFileIsKept() throws Exception {
        HttpTransport transport = transport();
        transport.fetchMetadata("6.snapshot.json", 1024);
        transport.fetchMetadata("6.robot.json", 1024);
        transport.fetchMetadata("7.snapshot.json", 1024);
        Path cache = tmp.getRoot().toPath().resolve("cache");
        try (var files = Files.list(cache)) {
            assertEquals(List.of("6.robot.json", "6.robot.json.validators", "7.snapshot.json",
                    "7.snapshot.json.validators"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    public void cachedBytesStillObeyTheCap() throws Exception {
        HttpTransport transport = transport();
        transport.fetchMetadata("timestamp.json", 1024);
        assertThrows(io.updraft.verifier.TooLargeException.class, () -> transport.fetchMetadata("timestamp.json", 3));
    }

    @Test
    public void notModifiedWithoutACachedCopyIsAnError() throws Exception {
        server = LoopbackServer.http().handle("/metadata/", Handlers.status(304));
        HttpTransport transport = TestSettings.transport(
                TestSettings.properties(server.base(), tmp.getRoot().toPath()));
        IOException e = assertThrows(IOException.class, () -> transport.fetchMetadata("timestamp.json", 1024));
        assertTrue(e.getMessage(), e.getMessage().contains("304"));
    }
}
