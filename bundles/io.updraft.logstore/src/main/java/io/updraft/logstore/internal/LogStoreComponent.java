package io.updraft.logstore.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.logstore.LogRecord;
import io.updraft.logstore.LogStore;
import io.updraft.logstore.LogStoreException;
import io.updraft.logstore.StreamUsage;

/**
 * The log store as a service, with its periodic sync and maintenance. Limits change in place without reopening
 * files; a new home closes the store and opens one there.
 */
@Component(name = LogStoreComponent.PID, service = LogStore.class, immediate = true,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LogStoreConfig.class)
public final class LogStoreComponent implements LogStore {
    static final String PID = "io.updraft.logstore";
    private static final long MAINTENANCE_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(LogStoreComponent.class);

    private final ScheduledExecutorService timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "updraft-logstore-sync");
        t.setDaemon(true);
        return t;
    });
    private volatile FileLogStore store;
    private ScheduledFuture<?> syncing;

    @Activate
    public LogStoreComponent(LogStoreConfig config) throws IOException {
        StoreSettings settings = StoreSettings.of(config);
        this.store = new FileLogStore(settings, java.time.Clock.systemUTC(), SpaceProbe.FILE_SYSTEM);
        schedule(settings);
        timer.scheduleWithFixedDelay(this::maintain, MAINTENANCE_SECONDS, MAINTENANCE_SECONDS, TimeUnit.SECONDS);
    }

    private synchronized void schedule(StoreSettings settings) {
        if (syncing != null) {
            syncing.cancel(false);
        }
        long millis = settings.syncInterval().toMillis();
        syncing = timer.scheduleWithFixedDelay(this::syncQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Modified
    synchronized void modified(LogStoreConfig config) throws IOException {
        StoreSettings next = StoreSettings.of(config);
        FileLogStore current = store;
        if (next.telemetryDir().equals(current.settings().telemetryDir())) {
            current.settings(next);
            LOG.info("Log store limits applied in place");
        } else {
            FileLogStore replacement = new FileLogStore(next, java.time.Clock.systemUTC(), SpaceProbe.FILE_SYSTEM);
            store = replacement;
            current.close();
            LOG.info("Log store reopened in {}", next.telemetryDir());
        }
        schedule(next);
    }

    @Deactivate
    void deactivate() throws IOException {
        timer.shutdownNow();
        store.close();
    }

    private void syncQuietly() {
        try {
            store.sync();
        } catch (LogStoreException | RuntimeException e) {
            LOG.warn("Cannot sync the log store; recent records may be lost on a power cut", e);
        }
    }

    private void maintain() {
        try {
            store.maintain();
        } catch (LogStoreException | RuntimeException e) {
            LOG.warn("Cannot apply the log store's retention and disk-space guard", e);
        }
    }

    @Override
    public long append(String stream, Instant time, byte[] payload) throws LogStoreException {
        return store.append(stream, time, payload);
    }

    @Override
    public long append(String stream, Instant time, byte[] payload, BooleanSupplier admit)
            throws LogStoreException {
        return store.append(stream, time, payload, admit);
    }

    @Override
    public List<LogRecord> read(String stream, long after, int maxRecords, long maxBytes) throws LogStoreException {
        return store.read(stream, after, maxRecords, maxBytes);
    }

    @Override
    public long purge(String stream) throws LogStoreException {
        return store.purge(stream);
    }

    @Override
    public void sync() throws LogStoreException {
        store.sync();
    }

    @Override
    public Map<String, StreamUsage> usage() {
        return store.usage();
    }

    @Override
    public int maxRecordBytes() {
        return store.maxRecordBytes();
    }

    @Override
    public String storeId() {
        return store.storeId();
    }
}
