package io.updraft.health.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.updraft.install.HealthResult;

/** A server that answers its headers at once and then stalls in the middle of the body. */
public class HttpCheckStalledBodyTest {
    private static final long STALL_MILLIS = 30_000;
    private ServerSocket server;
    private Thread acceptor;

    @Before
    public void serve() throws Exception {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try (Socket s = server.accept()) {
                s.getInputStream().read(new byte[4096]);
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nstatus: ").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(STALL_MILLIS);
            } catch (Exception e) {
                // The test closes the server.
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @After
    public void stop() throws Exception {
        server.close();
        acceptor.interrupt();
    }

    @Test
    public void stalledBodyEndsWithinTheTimeout() throws Exception {
        long t0 = System.nanoTime();
        HealthResult r = new HttpCheck().check(Specs.component(), Specs.check("http",
                "http://127.0.0.1:" + server.getLocalPort() + "/health", Map.of("expectBody", "all good"),
                Duration.ofMillis(700)), null, Specs.VERSION);
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(r.detail(), r.healthy());
        // The client is made within this time too; the stall would last far longer without the timeout.
        assertTrue("ended by its timeout, far before the server's stall; took " + took + " ms: " + r.detail(),
                took < 10_000);
        assertTrue(r.detail(), r.detail().contains("within PT0.7S"));
    }
}
