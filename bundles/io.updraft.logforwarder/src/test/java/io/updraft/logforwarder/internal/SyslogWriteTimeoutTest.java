package io.updraft.logforwarder.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A TLS relay that completes the handshake and then never reads: once the socket buffers are full a write would
 * block until the kernel gives up, so the sender must fail it after timeout and a stop must not wait for it.
 */
public class SyslogWriteTimeoutTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final String TEXT = "x".repeat(4000);
    private static TestPki pki;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private SSLServerSocket relay;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private Thread acceptor;
    private Harness h;

    @BeforeClass
    public static void makePki() throws Exception {
        pki = new TestPki("Updraft Test CA");
    }

    @Before
    public void listen() throws Exception {
        relay = (SSLServerSocket) pki.serverContext(pki.server(), false).getServerSocketFactory().createServerSocket();
        // Small buffers on the relay's side so that a few hundred kilobytes fill the path.
        relay.setReceiveBufferSize(8 * 1024);
        relay.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        acceptor = new Thread(this::acceptAndNeverRead, "stalled-relay");
        acceptor.setDaemon(true);
        acceptor.start();
        h = new Harness(tmp.newFolder("home").toPath(), "syslog-tls", "tls://127.0.0.1:" + relay.getLocalPort());
        h.config.put("caFile", pki.writeCa(tmp.getRoot().toPath().resolve("ca.pem")).toString());
        h.config.put("timeout", "1s");
        h.config.put("streams", new String[] {"log"});
    }

    private void acceptAndNeverRead() {
        try {
            while (true) {
                SSLSocket s = (SSLSocket) relay.accept();
                held.add(s);
                s.startHandshake();
            }
        } catch (IOException e) {
            // The test closed the relay.
        }
    }

    @After
    public void close() throws Exception {
        h.close();
        relay.close();
        for (Socket s : held) {
            s.close();
        }
        acceptor.join(2000);
    }

    private static List<Outgoing> batch(int first) {
        List<Outgoing> b = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            b.add(new Outgoing("s/log/" + (first + i), "log", first + i, T0, Level.INFO, TEXT, "", Map.of(), TEXT));
        }
        return b;
    }

    /** Without a bound the write would block for many minutes: fail instead of hanging the build. */
    @Test(timeout = 20_000)
    public void aWriteTheRelayDoesNotReadFailsAfterTheTimeoutAndClosesTheConnection() throws Exception {
        Sender sender = Destinations.sender(h.settings(), Harness.DEVICE, "1.0.0", Clock.systemUTC());
        try {
            long[] slowest = new long[1];
            IOException e = assertThrows(IOException.class, () -> {
                long giveUp = System.nanoTime() + 30_000_000_000L;
                for (int n = 0; System.nanoTime() < giveUp; n += 50) {
                    long start = System.nanoTime();
                    try {
                        sender.send(batch(n));
                    } finally {
                        slowest[0] = Math.max(slowest[0], System.nanoTime() - start);
                    }
                }
            });
            assertTrue(e.getMessage(), e.getMessage().contains("read nothing for 1000 ms"));
            assertTrue("the blocked write took " + slowest[0] / 1_000_000 + " ms",
                    slowest[0] >= 900_000_000L && slowest[0] < 2_500_000_000L);
            assertEquals(0, sender.connection());
            assertFalse(sender.open());
        } finally {
            sender.close();
        }
    }

    private long cursor() throws IOException {
        return Cursor.load(Forwarder.cursorDir(h.settings()), "store-1").position("log");
    }

    @Test(timeout = 20_000)
    public void theForwarderReportsTheStallConfirmsNothingAndStopsPromptlyWhileAWriteBlocks() throws Exception {
        // Longer than the test runs: only a broken connection can settle the written batches, never time alone.
        h.config.put("confirmDelay", "30s");
        h.config.put("timeout", "1s");
        for (int i = 0; i < 3000; i++) {
            h.store.append("log", T0, Fakes.logEntry(T0.plusMillis(i), "INFO", TEXT + i, null));
        }
        h.start();
        Harness.await("the stalled write to fail", 5000, () -> h.forwarder.status().failures() > 0);
        ForwarderStatus.Snapshot failed = h.forwarder.status();
        assertTrue(failed.lastError(), failed.lastError().contains("read nothing for 1000 ms"));
        Harness.await("the written batches to be given up", 5000, () -> h.forwarder.status().resent() > 0);
        assertEquals("nothing the relay never read may be confirmed", 0, cursor());

        // After the back-off it connects again and blocks again; a stop must not wait for the timeout.
        Harness.await("a new connection", 5000, () -> held.size() >= 2);
        Thread.sleep(300);
        long start = System.nanoTime();
        h.stop();
        long took = (System.nanoTime() - start) / 1_000_000;
        assertTrue("stop took " + took + " ms", took < 2000);
        assertEquals(0, cursor());
    }
}
