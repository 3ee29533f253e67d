package io.updraft.source.repository.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Against Jetty serving a repository directory, as a static web server or CDN would. */
public class JettyRepositoryTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private Server jetty;
    private Path repository;
    private String base;

    @Before
    public void start() throws Exception {
        repository = Files.createDirectories(tmp.getRoot().toPath().resolve("repo"));
        Files.createDirectories(repository.resolve("metadata"));
        Files.createDirectories(repository.resolve("targets/robot"));
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ResourceHandler files = new ResourceHandler();
        files.setResourceBase(repository.toString());
        files.setEtags(true);
        files.setDirectoriesListed(false);
        HandlerWrapper recorder = new HandlerWrapper() {
            @Override
            public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                    throws IOException, javax.servlet.ServletException {
                super.handle(target, base, request, response);
                log.add(request.getRequestURI() + " " + request.getHeader("If-None-Match") + " -> "
                        + response.getStatus());
            }
        };
        recorder.setHandler(files);
        jetty.setHandler(recorder);
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/";
    }

    /** The i-th logged request; Jetty may send the response before the wrapper gets to log it. */
    private String entry(int i) throws InterruptedException {
        for (int tries = 0; log.size() <= i && tries < 100; tries++) {
            Thread.sleep(50);
        }
        return log.get(i);
    }

    @After
    public void stop() throws Exception {
        jetty.stop();
    }

    @Test
    public void unchangedMetadataComesFromTheCacheAfterA304() throws Exception {
        Path timestamp = repository.resolve("metadata/timestamp.json");
        byte[] first = "{\"version\":1}".getBytes(StandardCharsets.UTF_8);
        Files.write(timestamp, first);
        HttpTransport transport = TestSettings.transport(TestSettings.properties(base, tmp.getRoot().toPath()));

        assertArrayEquals(first, transport.fetchMetadata("timestamp.json", 1024).orElseThrow());
        assertArrayEquals(first, transport.fetchMetadata("timestamp.json", 1024).orElseThrow());
        assertEquals("/metadata/timestamp.json null -> 200", entry(0));
        assertTrue(entry(1), entry(1).matches("/metadata/timestamp.json (W/)?\".+\" -> 304"));

        byte[] second = "{\"version\":22}".getBytes(StandardCharsets.UTF_8);
        Files.write(timestamp, second);
        Files.setLastModifiedTime(timestamp, FileTime.from(Instant.now().plusSeconds(5)));
        assertArrayEquals(second, transport.fetchMetadata("timestamp.json", 1024).orElseThrow());
        assertTrue(entry(2), entry(2).endsWith("-> 200"));
        assertEquals(java.util.Optional.empty(), transport.fetchMetadata("2.root.json", 1024));
    }

    @Test
    public void targetsStreamFromTheTargetsDirectory() throws Exception {
        byte[] payload = new byte[300_000];
        new java.util.Random(7).nextBytes(payload);
        Files.write(repository.resolve("targets/robot/app-1.0.0.updraft"), payload);
        HttpTransport transport = TestSettings.transport(TestSettings.properties(base, tmp.getRoot().toPath()));
        try (InputStream in = transport.openTarget("robot/app-1.0.0.updraft", payload.length)) {
            assertArrayEquals(payload, in.readAllBytes());
        }
    }
}
