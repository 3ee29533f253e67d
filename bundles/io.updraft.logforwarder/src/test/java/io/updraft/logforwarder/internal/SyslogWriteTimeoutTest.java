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
            // It waited out the timeout, and then gave up rather than block until the kernel does (many minutes);
            // the upper bound leaves a loaded machine room.
            assertTrue("the blocked write took " + slowest[0] / 1_000_000 + " ms",
                    slowest[0] >= 900_000_000L && slowest[0] < 10_000_000_000L);
            assertEquals(0, sender.connection());
            assertFalse(sender.open());
        } finally {
            sender.close();
        }
    }

    private long cursor() throws IOException {
        return Cursor.load(Forwarder.cursorDir(h.settings()), "store-1").position("log");
    }

    /**
     * Waits until the forwarder's thread is inside a write of {@link SyslogSender#send}: to a relay that never
     * reads, that write blocks until the timeout.
     */
    private static void awaitBlockedWrite() throws InterruptedException {
        long end = System.nanoTime() + 15_000_000_000L;
        while (!writing()) {
            assertTrue("the forwarder did not write again within 15 s", System.nanoTime() < end);
            Thread.sleep(5);
        }
    }

    private static boolean writing() {
        for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
            if (!t.getKey().getName().equals("updraft-logforwarder-test")) {
                continue;
            }
            StackTraceElement[] stack = t.getValue();
            for (int i = 1; i < stack.length; i++) {
                if (stack[i].getClassName().equals(SyslogSender.class.getName())
                        && stack[i].getMethodName().equals("send")) {
                    // Called from send itself: the write or flush of the socket's stream, not connect or framing.
                    String callee = stack[i - 1].getMethodName();
                    return callee.equals("write") || callee.equals("flush");
                }
            }
        }
        return false;
    }

    @Test(timeout = 60_000)
    public void theForwarderReportsTheStallConfirmsNothingAndStopsPromptlyWhileAWriteBlocks() throws Exception {
        // Longer than the test runs: only a broken connection can settle the written batches, never time alone.
        h.config.put("confirmDelay", "30s");
        // Longer than a prompt stop may take (below), so that a stop waiting for the blocked write to time out fails.
        h.config.put("timeout", "3s");
        for (int i = 0; i < 3000; i++) {
            h.store.append("log", T0, Fakes.logEntry(T0.plusMillis(i), "INFO", TEXT + i, null));
        }
        h.start();
        Harness.await("the stalled write to fail", 15_000, () -> h.forwarder.status().failures() > 0);
        ForwarderStatus.Snapshot failed = h.forwarder.status();
        assertTrue(failed.lastError(), failed.lastError().contains("read nothing for 3000 ms"));
        Harness.await("the written batches to be given up", 15_000, () -> h.forwarder.status().resent() > 0);
        assertEquals("nothing the relay never read may be confirmed", 0, cursor());

        // After the back-off it connects again and blocks again; a stop must not wait for the write to time out.
        Harness.await("a new connection", 15_000, () -> held.size() >= 2);
        awaitBlockedWrite();
        long start = System.nanoTime();
        h.stop();
        long took = (System.nanoTime() - start) / 1_000_000;
        assertTrue("stop took " + took + " ms with a write blocked", took < 2000);
        assertEquals(0, cursor());
    }
}
