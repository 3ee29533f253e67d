package io.updraft.logstore.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.ops4j.pax.logging.spi.PaxAppender;
import org.ops4j.pax.logging.spi.PaxLevel;
import org.ops4j.pax.logging.spi.PaxLoggingEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.logstore.LogStore;
import io.updraft.logstore.LogStoreException;

/**
 * Keeps the runtime's own log in stream {@code log}: Karaf's logging configuration hands every event to the Pax
 * appenders registered as services, this one under the name {@code updraft}. Events are turned into JSON on the
 * logging thread and queued; one writer thread appends them, so a slow or failing disk never blocks whoever logs.
 * A full queue or a failed append drops the event and counts it. Events logged while an event is handled (the
 * store's own log, on the writer thread or inside the appender) are not kept, so logging never recurses.
 */
@Component(service = PaxAppender.class, configurationPid = LogStoreComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = "org.ops4j.pax.logging.appender.name=updraft")
public final class StoreAppender implements PaxAppender {
    static final int QUEUE = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(StoreAppender.class);
    private static final long REPORT_EVERY = 1000;

    private record Entry(Instant time, byte[] json) {
    }

    private final LogStore store;
    private final LogLevel threshold;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE);
    /** Set while this thread is inside the appender; not initialised by a lambda, so no thread keeps the class. */
    private final ThreadLocal<Boolean> inside = new ThreadLocal<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    @Activate
    public StoreAppender(@Reference LogStore store, LogStoreConfig config) {
        this.store = store;
        this.threshold = level(config.logLevel());
        this.writer = new Thread(this::drain, "updraft-logstore-appender");
        writer.setDaemon(true);
        writer.start();
    }

    /** @throws IllegalArgumentException naming the bad level */
    static LogLevel level(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (LogLevel l : LogLevel.values()) {
            if (l != LogLevel.AUDIT && l.name().equals(v)) {
                return l;
            }
        }
        throw new IllegalArgumentException("logLevel '" + value + "' is unknown; valid: ERROR, WARN, INFO, DEBUG, "
                + "TRACE");
    }

    @Override
    public void doAppend(PaxLoggingEvent event) {
        if (inside.get() != null || Thread.currentThread() == writer || !running) {
            return;
        }
        inside.set(Boolean.TRUE);
        try {
            PaxLevel paxLevel = event.getLevel();
            LogLevel level = paxLevel == null ? LogLevel.INFO : paxLevel.toLevel();
            if (level == null || level.ordinal() > threshold.ordinal()) {
                return;
            }
            Instant ts = Instant.ofEpochMilli(event.getTimeStamp());
            Map<String, Object> props = event.getProperties();
            Object bundle = props == null ? null : props.get("bundle.name");
            String[] stack = event.getThrowableStrRep();
            byte[] json = LogEventJson.encode(ts, level.name(), event.getLoggerName(), event.getThreadName(),
                    event.getRenderedMessage(), stack == null || stack.length == 0 ? null : String.join("\n", stack),
                    bundle == null ? null : bundle.toString());
            if (!queue.offer(new Entry(ts, json))) {
                dropped.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // Whatever went wrong, the caller only wanted to log.
            dropped.incrementAndGet();
        } finally {
            inside.remove();
        }
    }

    private void drain() {
        while (running || !queue.isEmpty()) {
            Entry e;
            try {
                e = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                // Deactivation: what is queued is still written below.
                running = false;
                continue;
            }
            if (e != null) {
                write(e);
            }
        }
    }

    private void write(Entry e) {
        try {
            store.append(LogStore.LOG_STREAM, e.time(), e.json());
        } catch (LogStoreException | RuntimeException | LinkageError ex) {
            // A LinkageError comes from a store bundle refreshed under this one; the writer must outlive it, or
            // every later event would be dropped without a word.
            long n = dropped.incrementAndGet();
            if (n == 1 || n % REPORT_EVERY == 0) {
                LOG.warn("Cannot keep the runtime's log in the log store; {} events dropped so far", n, ex);
            }
        }
    }

    /** Events not kept: the queue was full or the store refused them. */
    long dropped() {
        return dropped.get();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(5));
    }
}
