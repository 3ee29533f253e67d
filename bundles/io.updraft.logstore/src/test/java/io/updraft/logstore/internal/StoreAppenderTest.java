package io.updraft.logstore.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.service.log.LogLevel;

import io.updraft.logstore.LogRecord;
import io.updraft.logstore.LogStore;
import io.updraft.logstore.LogStoreException;
import io.updraft.logstore.StreamUsage;

public class StoreAppenderTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path home;
    private FileLogStore files;
    private Gate store;
    private StoreAppender appender;

    @Before
    public void setUp() throws Exception {
        home = tmp.newFolder("home").toPath();
        files = Stores.open(home, Clock.systemUTC());
        store = new Gate(files);
    }

    @After
    public void tearDown() throws Exception {
        store.open.countDown();
        if (appender != null) {
            appender.deactivate();
        }
        files.close();
    }

    private StoreAppender appender(String level) {
        appender = new StoreAppender(store, Stores.config(home, "logLevel", level));
        return appender;
    }

    private List<String> kept() throws LogStoreException {
        return files.read(LogStore.LOG_STREAM, 0, Integer.MAX_VALUE, Long.MAX_VALUE).stream()
                .map(r -> new String(r.payload(), StandardCharsets.UTF_8)).toList();
    }

    /** Waits until the store holds {@code n} log records. */
    private List<String> awaitKept(int n) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> k = kept();
        while (k.size() < n && System.nanoTime() < end) {
            Thread.sleep(10);
            k = kept();
        }
        assertEquals(n, k.size());
        return k;
    }

    @Test
    public void anEventIsKeptAsOneJsonRecordWithEveryField() throws Exception {
        appender("INFO");
        appender.doAppend(new LogEvent(LogLevel.WARN, "io.updraft.state.Machine", 1_777_000_000_123L, "worker \"1\"",
                () -> "disk\tfull\nretrying").bundle("io.updraft.state")
                .throwable("java.io.IOException: No space left", "\tat io.updraft.X.y(X.java:1)"));

        String json = awaitKept(1).get(0);
        assertEquals("{\"ts\":\"" + Instant.ofEpochMilli(1_777_000_000_123L) + "\",\"level\":\"WARN\","
                + "\"logger\":\"io.updraft.state.Machine\",\"thread\":\"worker \\\"1\\\"\","
                + "\"message\":\"disk\\tfull\\nretrying\","
                + "\"exception\":\"java.io.IOException: No space left\\n\\tat io.updraft.X.y(X.java:1)\","
                + "\"bundle\":\"io.updraft.state\"}", json);
        LogRecord r = files.read(LogStore.LOG_STREAM, 0, 1, Long.MAX_VALUE).get(0);
        assertEquals(Instant.ofEpochMilli(1_777_000_000_123L), r.time());
        assertEquals(0, appender.dropped());
    }

    @Test
    public void absentValuesAreLeftOutAndALongStackIsCapped() throws Exception {
        appender("INFO");
        String[] stack = new String[5000];
        stack[0] = "java.lang.IllegalStateException: boom";
        for (int i = 1; i < stack.length; i++) {
            stack[i] = "\tat io.updraft.Deep.call" + i + "(Deep.java:" + i + ")";
        }
        appender.doAppend(LogEvent.of(LogLevel.ERROR, "no bundle here").throwable(stack));
        appender.doAppend(new LogEvent(LogLevel.INFO, null, 1L, null, () -> null));

        List<String> k = awaitKept(2);
        String first = k.get(0);
        assertFalse(first, first.contains("\"bundle\""));
        assertTrue(first.contains("\"exception\":\"java.lang.IllegalStateException: boom\\n\\tat io.updraft.Deep"));
        assertTrue(first, first.endsWith("...[cut]\"}"));
        int exception = first.indexOf("\"exception\":");
        // The cap counts characters of the text; escaping adds a few per stack line.
        assertTrue(first.length() - exception < LogEventJson.MAX_EXCEPTION + 2 * stack.length / 10 + 64);
        assertTrue(first.length() < 2 * LogEventJson.MAX_EXCEPTION);
        assertEquals("{\"ts\":\"1970-01-01T00:00:00.001Z\",\"level\":\"INFO\"}", k.get(1));
    }

    @Test
    public void eventsBelowTheLevelAreNotKept() throws Exception {
        appender("WARN");
        for (LogLevel l : List.of(LogLevel.TRACE, LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR,
                LogLevel.AUDIT)) {
            appender.doAppend(LogEvent.of(l, "at " + l));
        }
        List<String> k = awaitKept(3);
        assertTrue(k.get(0).contains("\"level\":\"WARN\",") && k.get(0).contains("\"message\":\"at WARN\""));
        assertTrue(k.get(1).contains("\"level\":\"ERROR\","));
        assertTrue(k.get(2).contains("\"level\":\"AUDIT\","));
        appender.deactivate();
        assertEquals(3, kept().size());
        assertEquals(0, appender.dropped());
    }

    @Test
    public void theLevelIsCheckedAndNamed() {
        assertEquals(LogLevel.DEBUG, StoreAppender.level(" debug "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoreAppender.level("LOUD"));
        assertTrue(e.getMessage().contains("'LOUD'"));
        assertThrows(IllegalArgumentException.class, () -> StoreAppender.level("AUDIT"));
    }

    @Test(timeout = 10_000)
    public void aLogCallMadeWhileAppendingNeitherRecursesNorDeadlocks() throws Exception {
        appender("INFO");
        AtomicInteger inner = new AtomicInteger();
        // On the caller's thread: rendering the message logs (a toString() that logs).
        appender.doAppend(new LogEvent(LogLevel.INFO, "outer", 1L, "main", () -> {
            inner.incrementAndGet();
            appender.doAppend(LogEvent.of(LogLevel.ERROR, "logged while rendering"));
            return "outer message";
        }));
        // On the writer's thread: the store logs while appending, and Pax hands that event back to the appender.
        store.during = () -> appender.doAppend(LogEvent.of(LogLevel.ERROR, "the store's own log"));
        appender.doAppend(LogEvent.of(LogLevel.INFO, "second"));
        // A thread that logs while holding the store's lock, as the store does when it warns.
        synchronized (files) {
            appender.doAppend(LogEvent.of(LogLevel.INFO, "third"));
        }

        List<String> k = awaitKept(3);
        assertTrue(k.get(0).contains("\"message\":\"outer message\""));
        assertTrue(k.get(1).contains("\"message\":\"second\""));
        assertTrue(k.get(2).contains("\"message\":\"third\""));
        assertEquals(1, inner.get());
        assertEquals("the inner events never reached the store", 3, store.appends.get());
    }

    @Test(timeout = 10_000)
    public void aStoreThatThrowsNeverReachesTheCallerAndIsCounted() throws Exception {
        appender("INFO");
        store.failure = new LogStoreException("disk gone", null);
        appender.doAppend(LogEvent.of(LogLevel.ERROR, "one"));
        store.failure = new IllegalStateException("store closed");
        appender.doAppend(LogEvent.of(LogLevel.ERROR, "two"));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (appender.dropped() < 2 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(2, appender.dropped());
        // What a store bundle refreshed under the appender throws: the writer thread must survive it.
        store.failure = new NoClassDefFoundError("io/updraft/logstore/internal/Segment");
        appender.doAppend(LogEvent.of(LogLevel.ERROR, "two and a half"));
        end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (appender.dropped() < 3 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(3, appender.dropped());
        store.failure = null;
        appender.doAppend(LogEvent.of(LogLevel.ERROR, "three"));
        assertTrue(awaitKept(1).get(0).contains("\"message\":\"three\""));
        // An event that cannot even be read is counted, not thrown.
        appender.doAppend(new LogEvent(LogLevel.ERROR, "x", 0, "t", () -> {
            throw new IllegalStateException("broken toString");
        }));
        assertEquals(4, appender.dropped());
    }

    @Test(timeout = 20_000)
    public void aFullQueueDropsAndCountsWithoutBlockingTheCaller() throws Exception {
        appender("INFO");
        store.open = new CountDownLatch(1);
        appender.doAppend(LogEvent.of(LogLevel.INFO, "stuck in the store"));
        assertTrue(store.entered.await(5, TimeUnit.SECONDS));

        long start = System.nanoTime();
        for (int i = 0; i < StoreAppender.QUEUE + 100; i++) {
            appender.doAppend(LogEvent.of(LogLevel.INFO, "event " + i));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("the caller waited " + millis + " ms", millis < 5_000);
        assertEquals(100, appender.dropped());

        store.open.countDown();
        List<String> k = awaitKept(1 + StoreAppender.QUEUE);
        assertTrue(k.get(k.size() - 1).contains("\"message\":\"event " + (StoreAppender.QUEUE - 1) + "\""));
    }

    @Test(timeout = 20_000)
    public void deactivationWritesWhatWasQueuedAndKeepsNoMore() throws Exception {
        appender("INFO");
        store.open = new CountDownLatch(1);
        for (int i = 0; i < 200; i++) {
            appender.doAppend(LogEvent.of(LogLevel.INFO, "queued " + i));
        }
        assertTrue(store.entered.await(5, TimeUnit.SECONDS));
        Thread stopping = new Thread(() -> {
            try {
                appender.deactivate();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopping.start();
        Thread.sleep(100);
        store.open.countDown();
        stopping.join();

        assertEquals(200, kept().size());
        assertTrue(kept().get(199).contains("\"message\":\"queued 199\""));
        appender.doAppend(LogEvent.of(LogLevel.ERROR, "after deactivation"));
        Thread.sleep(100);
        assertEquals(200, kept().size());
        assertEquals(0, appender.dropped());
    }

    /** The real store behind a gate that can hold appends, fail them, or run something inside them. */
    private static final class Gate implements LogStore {
        private final LogStore real;
        volatile CountDownLatch open = new CountDownLatch(0);
        final CountDownLatch entered = new CountDownLatch(1);
        final AtomicInteger appends = new AtomicInteger();
        volatile Throwable failure;
        volatile Runnable during;

        Gate(LogStore real) {
            this.real = real;
        }

        @Override
        public long append(String stream, Instant time, byte[] payload) throws LogStoreException {
            appends.incrementAndGet();
            entered.countDown();
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runnable r = during;
            if (r != null) {
                r.run();
            }
            Throwable f = failure;
            if (f instanceof LogStoreException l) {
                throw l;
            }
            if (f instanceof RuntimeException rt) {
                throw rt;
            }
            if (f instanceof Error err) {
                throw err;
            }
            return real.append(stream, time, payload);
        }

        @Override
        public long append(String stream, Instant time, byte[] payload, BooleanSupplier admit)
                throws LogStoreException {
            return admit.getAsBoolean() ? append(stream, time, payload) : -1;
        }

        @Override
        public List<LogRecord> read(String stream, long after, int maxRecords, long maxBytes)
                throws LogStoreException {
            return real.read(stream, after, maxRecords, maxBytes);
        }

        @Override
        public long purge(String stream) throws LogStoreException {
            return real.purge(stream);
        }

        @Override
        public void sync() throws LogStoreException {
            real.sync();
        }

        @Override
        public Map<String, StreamUsage> usage() {
            return real.usage();
        }

        @Override
        public int maxRecordBytes() {
            return real.maxRecordBytes();
        }

        @Override
        public String storeId() {
            return real.storeId();
        }
    }
}
