package io.updraft.logforwarder.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The forwarder over a sender without acknowledgement whose connection the test breaks: batches go back to back up
 * to maxUnconfirmedRecords, the cursor follows only what stayed open confirmDelay, and a break sends exactly the
 * unconfirmed records again.
 */
public class PipelinedConfirmationTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final long DELAY_MILLIS = 1500;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Harness h;
    private final FakeSyslog sender = new FakeSyslog();

    /** A written batch as the fake relay saw it. */
    private record Written(List<Long> sequences, long connection, long at) {
    }

    /**
     * Takes every batch at once; its connection is open until {@link #cut} and a new one opens on the next send. The
     * forwarder's first probe of the connection is held until the test {@link #answerProbes lets it through}, so the
     * test decides what the probe finds however late its own thread runs.
     */
    private static final class FakeSyslog implements Sender {
        final List<Written> log = new ArrayList<>();
        private final CountDownLatch probed = new CountDownLatch(1);
        private final CountDownLatch answer = new CountDownLatch(1);
        private long connections;
        private long connection;
        private boolean cut;
        /** Records written when the forwarder first probed the connection; -1 before. */
        private int recordsAtFirstProbe = -1;

        @Override
        public synchronized Delivery send(List<Outgoing> batch) {
            if (connection == 0) {
                connection = ++connections;
            }
            log.add(new Written(batch.stream().map(Outgoing::sequence).toList(), connection, System.nanoTime()));
            return new Delivery(batch.size(), 0, batch.size(), "");
        }

        @Override
        public boolean acknowledges() {
            return false;
        }

        @Override
        public synchronized long connection() {
            return connection;
        }

        @Override
        public boolean open() {
            synchronized (this) {
                if (recordsAtFirstProbe < 0) {
                    recordsAtFirstProbe = records();
                }
            }
            probed.countDown();
            try {
                if (!answer.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let the probe through");
                }
            } catch (InterruptedException e) {
                // The forwarder stops: nothing was proved.
                Thread.currentThread().interrupt();
                return false;
            }
            return stillOpen();
        }

        private synchronized boolean stillOpen() {
            if (cut) {
                cut = false;
                connection = 0;
            }
            return connection != 0;
        }

        /** The relay goes away: the next probe finds the connection reset. */
        synchronized void cut() {
            cut = true;
        }

        /** Waits for the forwarder's first probe of the connection; the records written by then. */
        int awaitFirstProbe() throws InterruptedException {
            assertTrue("the forwarder never probed the connection", probed.await(30, TimeUnit.SECONDS));
            synchronized (this) {
                return recordsAtFirstProbe;
            }
        }

        /** Lets the held probe, and every later one, find the connection as it is. */
        void answerProbes() {
            answer.countDown();
        }

        synchronized List<Written> written() {
            return List.copyOf(log);
        }

        synchronized int records() {
            return log.stream().mapToInt(w -> w.sequences().size()).sum();
        }

        @Override
        public void close() {
        }
    }

    @Before
    public void setUp() throws Exception {
        h = new Harness(tmp.newFolder("home").toPath(), "syslog-tls", "tls://relay.example.com:6514");
        h.config.put("streams", new String[] {"log"});
        h.config.put("batchMaxRecords", 100);
        h.config.put("maxUnconfirmedRecords", 300);
        h.config.put("confirmDelay", DELAY_MILLIS + "ms");
        for (int i = 1; i <= 1000; i++) {
            h.store.append("log", T0, Fakes.logEntry(T0.plusMillis(i), "INFO", "entry " + i, null));
        }
    }

    @After
    public void tearDown() {
        sender.answerProbes();
        h.close();
    }

    private long cursor() throws Exception {
        return Cursor.load(Forwarder.cursorDir(h.settings()), "store-1").position("log");
    }

    private static List<Long> sequences(List<Written> batches) {
        return batches.stream().flatMap(w -> w.sequences().stream()).toList();
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    public void writingStopsAtTheCapABreakResendsExactlyTheUnconfirmedAndTheCursorNeverPassesThem() throws Exception {
        h.start(sender);
        // The first probe comes when the first batch is due, confirmDelay after it was written: the forwarder
        // wrote up to the cap right away and nothing more while it waited.
        assertEquals("the cap stops writing before anything is confirmed: records written when the first batch was"
                + " due", 300, sender.awaitFirstProbe());
        assertEquals("the cursor waits for confirmation", 0, cursor());

        // The relay goes away before the held probe looks: it finds the connection reset.
        sender.cut();
        sender.answerProbes();
        Harness.await("the unconfirmed records written again", 10_000, () -> sender.records() >= 600);
        List<Written> all = sender.written();
        assertEquals(range(1, 300), sequences(all.subList(0, 3)));
        assertEquals("exactly the unconfirmed records again, on a new connection", range(1, 300),
                sequences(all.subList(3, 6)));
        assertTrue(all.get(3).connection() != all.get(0).connection());
        assertEquals(300, h.forwarder.status().resent());

        // Now the connection holds: the cursor may follow each batch only confirmDelay after its write.
        long end = System.nanoTime() + 30_000_000_000L;
        long position;
        do {
            position = cursor();
            long now = System.nanoTime();
            long proven = 0;
            for (Written w : sender.written()) {
                if (w.connection() == all.get(3).connection() && now - w.at() >= DELAY_MILLIS * 1_000_000) {
                    proven = Math.max(proven, w.sequences().get(w.sequences().size() - 1));
                }
            }
            assertTrue("cursor " + position + " passed the confirmed " + proven, position <= proven);
            assertTrue("timed out at cursor " + position, now < end);
            Thread.sleep(20);
        } while (position < 1000);
        assertEquals("nothing beyond the break was sent twice", range(1, 1000),
                sequences(sender.written().subList(3, sender.written().size())));
        assertEquals(300, h.forwarder.status().resent());
    }
}
