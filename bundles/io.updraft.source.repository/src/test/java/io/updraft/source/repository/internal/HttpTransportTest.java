package io.updraft.source.repository.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.verifier.TooLargeException;

public class HttpTransportTest {
    private static final byte[] JSON = "{\"signed\":{}}".getBytes(StandardCharsets.UTF_8);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private LoopbackServer server;

    @After
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpTransport transport() throws IOException {
        return TestSettings.transport(TestSettings.properties(server.base(), tmp.getRoot().toPath()));
    }

    @Test
    public void fetchesMetadataWithUserAgent() throws Exception {
        List<String> agents = Collections.synchronizedList(new ArrayList<>());
        server = LoopbackServer.http().handle("/metadata/timestamp.json", exchange -> {
            agents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
            Handlers.bytes(JSON, Map.of()).handle(exchange);
        });
        assertArrayEquals(JSON, transport().fetchMetadata("timestamp.json", 1024).orElseThrow());
        assertEquals(List.of("updraft/test"), agents);
    }

    @Test
    public void missingFileIsEmptyAndOtherStatusesFail() throws Exception {
        server = LoopbackServer.http().handle("/metadata/broken.json", Handlers.status(503));
        HttpTransport transport = transport();
        assertEquals(Optional.empty(), transport.fetchMetadata("2.root.json", 1024));
        IOException e = assertThrows(IOException.class, () -> transport.fetchMetadata("broken.json", 1024));
        assertTrue(e.getMessage(), e.getMessage().contains(server.base() + "metadata/broken.json"));
        assertTrue(e.getMessage(), e.getMessage().contains("503"));
    }

    @Test
    public void unreachableServerIsAnIoErrorNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HttpTransport transport = TestSettings.transport(
                TestSettings.properties("http://127.0.0.1:" + port + "/", tmp.getRoot().toPath()));
        IOException e = assertThrows(IOException.class, () -> transport.fetchMetadata("timestamp.json", 1024));
        assertFalse(e instanceof SocketTimeoutException);
        assertTrue(e.getMessage(), e.getMessage().contains("127.0.0.1:" + port));
    }

    @Test
    public void endlessMetadataStopsJustPastTheCap() throws Exception {
        AtomicLong sent = new AtomicLong();
        server = LoopbackServer.http().handle("/metadata/", Handlers.endless(sent));
        long start = System.nanoTime();
        TooLargeException e = assertThrows(TooLargeException.class,
                () -> transport().fetchMetadata("snapshot.json", 64 * 1024));
        assertEquals(64 * 1024, e.limit());
        assertTrue(e.getMessage(), e.getMessage().contains("metadata/snapshot.json"));
        assertTrue("took too long", System.nanoTime() - start < 5_000_000_000L);
    }

    @Test
    public void declaredLengthOverTheCapIsRefusedUpFront() throws Exception {
        server = LoopbackServer.http().handle("/metadata/", Handlers.bytes(new byte[5000], Map.of()));
        TooLargeException e = assertThrows(TooLargeException.class,
                () -> transport().fetchMetadata("targets.json", 4999));
        assertTrue(e.getMessage(), e.getMessage().contains("Content-Length 5000"));
    }

    @Test
    public void configuredRoleCapIsStricterThanTheCallers() throws Exception {
        server = LoopbackServer.http().handle("/metadata/", Handlers.bytes(new byte[2000], Map.of()));
        HttpTransport transport = TestSettings.transport(TestSettings.with(
                TestSettings.properties(server.base(), tmp.getRoot().toPath()), "maxTimestampBytes", 1024L));
        TooLargeException e = assertThrows(TooLargeException.class,
                () -> transport.fetchMetadata("timestamp.json", 1 << 20));
        assertEquals(1024, e.limit());
        assertEquals(2000, transport.fetchMetadata("7.snapshot.json", 1 << 20).orElseThrow().length);
    }

    @Test
    public void tricklingServerIsCutOffByTheMinimumRate() throws Exception {
        server = LoopbackServer.http().handle("/metadata/", Handlers.trickle(1000, 1, 1000));
        long start = System.nanoTime();
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                () -> transport().fetchMetadata("timestamp.json", 4096));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(e.getMessage(), e.getMessage().contains("below the minimum rate of 100 bytes per second"));
        assertTrue("cut off after " + seconds + " s", seconds >= 1 && seconds < 5);
    }

    @Test
    public void fastEnoughButEndlessMetadataHitsTheDeadline() throws Exception {
        server = LoopbackServer.http().handle("/metadata/", Handlers.trickle(1 << 20, 100, 200));
        Map<String, Object> properties = TestSettings.properties(server.base(), tmp.getRoot().toPath());
        properties.put("readTimeoutSeconds", 5);
        properties.put("metadataTimeoutSeconds", 2);
        long start = System.nanoTime();
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                () -> TestSettings.transport(properties).fetchMetadata("targets.json", 1 << 20));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(e.getMessage(), e.getMessage().contains("deadline"));
        assertTrue("cut off after " + seconds + " s", seconds < 4);
    }

    @Test
    public void stalledBodyTimesOut() throws Exception {
        server = LoopbackServer.http().handle("/metadata/", Handlers.stallAfterHeaders());
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                () -> transport().fetchMetadata("timestamp.json", 4096));
        assertTrue(e.getMessage(), e.getMessage().contains("no data for 2 s"));
    }

    @Test
    public void silentServerTimesOut() throws Exception {
        server = LoopbackServer.http().handle("/metadata/", Handlers.silent());
        long start = System.nanoTime();
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                () -> transport().fetchMetadata("timestamp.json", 4096));
        assertTrue(e.getMessage(), e.getMessage().contains("no response within"));
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }

    @Test
    public void followsAtMostThreeRedirects() throws Exception {
        server = LoopbackServer.http()
                .handle("/metadata/four.json", Handlers.redirect(302, "/metadata/three.json"))
                .handle("/metadata/three.json", Handlers.redirect(301, "two.json"))
                .handle("/metadata/two.json", Handlers.redirect(307, "/elsewhere/one.json"))
                .handle("/elsewhere/one.json", Handlers.redirect(308, "/mirror/file.json"))
                .handle("/mirror/file.json", Handlers.bytes(JSON, Map.of()));
        HttpTransport transport = transport();
        assertArrayEquals(JSON, transport.fetchMetadata("three.json", 1024).orElseThrow());
        IOException e = assertThrows(IOException.class, () -> transport.fetchMetadata("four.json", 1024));
        assertTrue(e.getMessage(), e.getMessage().contains("redirected more than 3 times"));
    }

    @Test
    public void redirectToPlainHttpElsewhereIsRefused() throws Exception {
        server = LoopbackServer.http().handle("/metadata/", Handlers.redirect(302, "http://192.0.2.1/metadata/x.json"));
        IOException e = assertThrows(IOException.class, () -> transport().fetchMetadata("x.json", 1024));
        assertTrue(e.getMessage(), e.getMessage().contains("plain http"));
        assertTrue(e.getMessage(), e.getMessage().contains("192.0.2.1"));
    }

    @Test
    public void targetStreamsUpToItsLength() throws Exception {
        byte[] payload = new byte[100_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        List<String> paths = Collections.synchronizedList(new ArrayList<>());
        server = LoopbackServer.http().handle("/targets/", exchange -> {
            paths.add(exchange.getRequestURI().getRawPath());
            Handlers.bytes(payload, Map.of()).handle(exchange);
        });
        HttpTransport transport = transport();
        try (InputStream in = transport.openTarget("robot/app 1.0.0.updraft", payload.length)) {
            assertArrayEquals(payload, in.readAllBytes());
        }
        assertEquals(List.of("/targets/robot/app%201.0.0.updraft"), paths);
        assertThrows(TooLargeException.class, () -> transport.openTarget("robot/app.updraft", payload.length - 1));
    }

    @Test
    public void endlessTargetIsCutAtItsMaxLength() throws Exception {
        server = LoopbackServer.http().handle("/targets/", Handlers.endless(new AtomicLong()));
        try (InputStream in = transport().openTarget("robot/app.updraft", 300_000)) {
            byte[] buffer = new byte[8192];
            long[] read = {0};
            TooLargeException e = assertThrows(TooLargeException.class, () -> {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    read[0] += n;
                }
            });
            assertEquals(300_000, e.limit());
            assertTrue("delivered " + read[0], read[0] <= 300_000);
        }
    }

    @Test
    public void missingTargetIsFileNotFound() throws Exception {
        server = LoopbackServer.http().handle("/targets/", Handlers.status(404));
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> transport().openTarget("robot/app.updraft", 10));
        assertTrue(e.getMessage(), e.getMessage().contains("targets/robot/app.updraft"));
    }

    @Test
    public void refusesFileNamesThatLeaveTheirDirectory() throws Exception {
        server = LoopbackServer.http();
        HttpTransport transport = transport();
        for (String bad : new String[] { "../root.json", "a/b.json", "..", "x:y.json", "" }) {
            assertThrows(bad, IllegalArgumentException.class, () -> transport.fetchMetadata(bad, 10));
        }
        for (String bad : new String[] { "../x", "/etc/passwd", "a//b", "a/./b", "a\\b", "dir/" }) {
            assertThrows(bad, IllegalArgumentException.class, () -> transport.openTarget(bad, 10));
        }
    }
}
