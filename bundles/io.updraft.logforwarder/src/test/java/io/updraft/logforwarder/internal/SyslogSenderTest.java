package io.updraft.logforwarder.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Whether a syslog relay without acknowledgements still holds the connection batches went on; plain TCP on loopback. */
public class SyslogSenderTest {
    private ServerSocket relay;
    private SyslogSender sender;

    @Before
    public void listen() throws Exception {
        relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Harness h = new Harness(Path.of("/tmp/unused"), "syslog-tls", "tcp://127.0.0.1:" + relay.getLocalPort());
        h.config.put("confirmDelay", "300ms");
        sender = new SyslogSender(h.settings(), null, new SyslogFormat(16, "robot", "updraft", 1, 32473),
                RateLimiter.of(0));
    }

    @After
    public void close() throws Exception {
        sender.close();
        relay.close();
    }

    private static int available(InputStream in) {
        try {
            return in.available();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Outgoing> batch() {
        return List.of(new Outgoing("s/log/1", "log", 1, Instant.EPOCH, Level.INFO, "m", "", Map.of(), "m"));
    }

    @Test
    public void batchesWrittenBackToBackGoOnOneConnectionThatStaysOpen() throws Exception {
        assertEquals(0, sender.connection());
        sender.send(batch());
        long first = sender.connection();
        assertNotEquals(0, first);
        try (Socket accepted = relay.accept()) {
            sender.send(batch());
            sender.send(batch());
            assertEquals(first, sender.connection());
            assertTrue(sender.open());
            assertTrue(sender.open());
            int frame = new SyslogFormat(16, "robot", "updraft", 1, 32473).frame(batch().get(0)).length;
            InputStream in = accepted.getInputStream();
            Harness.await("the three frames at the relay", 10_000, () -> available(in) >= 3 * frame);
            assertEquals(3 * frame, in.available());
        }
    }

    @Test
    public void aRelayThatStopsWithBatchesUnreadResetsTheConnectionAndTheNextWriteGoesOnANewOne() throws Exception {
        sender.send(batch());
        long first = sender.connection();
        try (Socket accepted = relay.accept()) {
            InputStream in = accepted.getInputStream();
            // Closing with unread bytes in the socket buffer sends a reset: those bytes are never stored.
            Harness.await("the batch at the relay", 10_000, () -> available(in) > 0);
        }
        // The probe answers true until the reset has arrived; once it has, the connection is closed here too.
        Harness.await("the reset seen by the probe", 10_000, () -> !sender.open());
        assertFalse(sender.open());
        assertEquals("a broken connection is closed here too", 0, sender.connection());
        sender.send(batch());
        try (Socket accepted = relay.accept()) {
            assertNotEquals(0, sender.connection());
            assertNotEquals("batches on the lost connection must not be confirmed by the new one", first,
                    sender.connection());
        }
    }

    @Test
    public void writingToARelayThatIsGoneFailsWithItsAddress() throws Exception {
        relay.close();
        IOException e = assertThrows(IOException.class, () -> sender.send(batch()));
        assertTrue(e.getMessage(), e.getMessage().contains("syslog relay 127.0.0.1:" + relay.getLocalPort()));
        assertEquals(0, sender.connection());
        assertFalse(sender.open());
    }
}
