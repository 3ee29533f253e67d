package io.updraft.health.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.updraft.install.HealthResult;

public class HttpCheckTest {
    /** For servers that answer: never reached, however loaded the machine. */
    private static final Duration AMPLE = Duration.ofSeconds(30);
    /** How long /slow stalls before it answers, if the test has not ended first. */
    private static final long STALL_SECONDS = 30;

    private HttpServer server;
    private String base;
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpCheck http = new HttpCheck();

    @Before
    public void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", ex -> answer(ex, 200, "status: all good"));
        server.createContext("/down", ex -> answer(ex, 503, "maintenance"));
        server.createContext("/created", ex -> answer(ex, 204, null));
        server.createContext("/big", ex -> answer(ex, 200, "x".repeat(HttpCheck.BODY_LIMIT) + "marker"));
        server.createContext("/slow", ex -> {
            try {
                release.await(STALL_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(ex, 200, "late");
        });
        server.createContext("/same", ex -> redirect(ex, "/ok"));
        server.createContext("/other", ex -> redirect(ex, "http://localhost:" + server.getAddress().getPort() + "/ok"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @After
    public void stop() {
        release.countDown();
        server.stop(0);
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().add("Location", location);
        answer(ex, 302, null);
    }

    private HealthResult run(String path, Map<String, String> params) throws InterruptedException {
        return http.check(Specs.component(), Specs.check("http", base + path, params, AMPLE), null, Specs.VERSION);
    }

    @Test
    public void okAnswerIsHealthy() throws Exception {
        HealthResult r = run("/ok", Map.of());
        assertTrue(r.detail(), r.healthy());
        assertEquals("HTTP 200 from " + base + "/ok", r.detail());
    }

    @Test
    public void serviceUnavailableIsUnhealthy() throws Exception {
        HealthResult r = run("/down", Map.of());
        assertFalse(r.healthy());
        assertTrue(r.detail(), r.detail().startsWith("HTTP 503 from " + base + "/down"));
    }

    @Test
    public void expectedStatusesAreHonoured() throws Exception {
        assertFalse(run("/created", Map.of("expectStatus", "200")).healthy());
        assertTrue(run("/created", Map.of("expectStatus", "200,204")).healthy());
        assertTrue(run("/created", Map.of("expectStatus", "200-299")).healthy());
        assertTrue(run("/down", Map.of("expectStatus", "500-599")).healthy());
        try {
            run("/ok", Map.of("expectStatus", "2xx"));
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("'2xx'"));
        }
    }

    @Test
    public void bodyMustContainTheExpectedText() throws Exception {
        assertTrue(run("/ok", Map.of("expectBody", "all good")).healthy());
        HealthResult r = run("/ok", Map.of("expectBody", "degraded"));
        assertFalse(r.healthy());
        assertTrue(r.detail(), r.detail().contains("'degraded'"));
        assertFalse("only the first 64 KiB are read", run("/big", Map.of("expectBody", "marker")).healthy());
    }

    @Test
    public void slowServerTimesOut() throws Exception {
        Duration timeout = Duration.ofMillis(500);
        // Makes the client for this timeout, so that only the slow request is timed below; its result does not matter.
        http.check(Specs.component(), Specs.check("http", base + "/ok", Map.of(), timeout), null, Specs.VERSION);
        long t0 = System.nanoTime();
        HealthResult r = http.check(Specs.component(), Specs.check("http", base + "/slow", Map.of(), timeout), null,
                Specs.VERSION);
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(r.healthy());
        assertTrue(r.detail(), r.detail().contains("no answer from " + base + "/slow within PT0.5S"));
        assertTrue("waited about the timeout, took " + took + " ms", took >= timeout.toMillis() - 50);
        assertTrue("ended by its timeout, far before the server's " + STALL_SECONDS + " s stall; took " + took + " ms",
                took < 5000);
    }

    @Test
    public void interruptionEndsTheCheck() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                http.check(Specs.component(), Specs.check("http", base + "/slow", Map.of(), Duration.ofSeconds(30)),
                        null, Specs.VERSION);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        Thread.sleep(300);
        t.interrupt();
        t.join(15_000);
        assertFalse("the check ended", t.isAlive());
        assertTrue(String.valueOf(thrown.get()), thrown.get() instanceof InterruptedException);
    }

    @Test
    public void connectionErrorIsTheDetail() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HealthResult r = http.check(Specs.component(), Specs.check("http", "http://127.0.0.1:" + port + "/health",
                Map.of(), AMPLE), null, Specs.VERSION);
        assertFalse(r.healthy());
        assertTrue(r.detail(), r.detail().startsWith("cannot reach http://127.0.0.1:" + port + "/health: "));
        assertTrue(r.detail(), r.detail().contains("Connect"));
    }

    @Test
    public void redirectsAreFollowedOnTheSameHostOnly() throws Exception {
        HealthResult same = run("/same", Map.of("expectStatus", "200"));
        assertTrue(same.detail(), same.healthy());
        assertEquals("HTTP 200 from " + base + "/ok", same.detail());
        HealthResult other = run("/other", Map.of("expectStatus", "200"));
        assertFalse(other.healthy());
        assertTrue(other.detail(), other.detail().startsWith("HTTP 302 from " + base + "/other"));
    }

    @Test
    public void targetMustBeAnHttpUrl() throws Exception {
        for (String bad : new String[] {"ftp://127.0.0.1/x", "127.0.0.1:8080/health", "http:///nohost", "file:/etc/passwd"}) {
            try {
                http.check(Specs.component(), Specs.check("http", bad, Map.of(), Duration.ofSeconds(1)), null,
                        Specs.VERSION);
                fail(bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("'" + bad + "'"));
            }
        }
    }
}
