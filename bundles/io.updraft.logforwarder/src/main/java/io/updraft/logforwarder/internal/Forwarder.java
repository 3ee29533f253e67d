package io.updraft.logforwarder.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.logforwarder.internal.ForwarderStatus.State;
import io.updraft.logstore.LogRecord;
import io.updraft.logstore.LogStore;
import io.updraft.logstore.LogStoreException;
import io.updraft.logstore.StreamUsage;
import io.updraft.product.NetworkStatus;

/**
 * Forwards the matching streams of the store to one destination on a worker thread of its own. The store is the
 * buffer: appends never wait for the destination, which simply falls behind; what the store's retention drops
 * before delivery shows up as a gap and is counted as lost. Each stream is read from its cursor position in
 * batches of at most batchMaxRecords/batchMaxBytes; a batch that is not full waits at most batchMaxDelay for more.
 * The cursor moves only after the destination has the batch (see {@link Sender#confirm}), so delivery is
 * at-least-once and at most one batch arrives twice after a crash, restart or broken connection. Without an
 * acknowledgement that needs waiting: the next batch goes only once the last one is confirmed, so never more than
 * one batch is in doubt.
 */
final class Forwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    private static final long STOP_WAIT_MILLIS = 2000;

    private final Settings settings;
    private final LogStore store;
    private final Sender sender;
    private final Preparer preparer;
    private final Supplier<NetworkStatus> network;
    private final Clock clock;
    private final Backoff backoff;
    private final ForwarderStatus status;
    private final Duration poll;
    /** Where the next read starts, per stream; ahead of the cursor only by an unconfirmed batch. */
    private final Map<String, Long> positions = new HashMap<>();
    private final Map<String, Instant> waitingSince = new HashMap<>();
    private final Object sleeper = new Object();
    private Cursor cursor;
    private String unconfirmedStream;
    private long unconfirmedEnd;
    private Thread thread;
    private volatile boolean running;

    Forwarder(Settings settings, LogStore store, Sender sender, Preparer preparer, Supplier<NetworkStatus> network,
            Clock clock, Backoff backoff) {
        this.settings = settings;
        this.store = store;
        this.sender = sender;
        this.preparer = preparer;
        this.network = network;
        this.clock = clock;
        this.backoff = backoff;
        this.status = new ForwarderStatus(settings.name());
        long quarter = settings.batchMaxDelay().toMillis() / 4;
        this.poll = Duration.ofMillis(Math.max(10, Math.min(1000, quarter)));
    }

    static Path cursorDir(Settings settings) {
        return settings.home().resolve("logforwarder").resolve(settings.name());
    }

    ForwarderStatus.Snapshot status() {
        return status.snapshot();
    }

    synchronized void start() {
        running = true;
        thread = new Thread(this::run, "updraft-logforwarder-" + settings.name());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the worker: at once if it waits, after the current transfer otherwise (interrupted if slow). */
    @Override
    public synchronized void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            synchronized (sleeper) {
                sleeper.notifyAll();
            }
            try {
                t.join(STOP_WAIT_MILLIS);
                if (t.isAlive()) {
                    t.interrupt();
                    sender.close();
                    t.join(STOP_WAIT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sender.close();
    }

    private void run() {
        while (running) {
            try {
                if (cursor == null) {
                    cursor = Cursor.load(cursorDir(settings), store.storeId());
                }
                if (!pass()) {
                    sleep(poll);
                }
            } catch (InterruptedException e) {
                break;
            } catch (IOException | LogStoreException | RuntimeException e) {
                if (!running) {
                    break;
                }
                Optional<Duration> asked = e instanceof RetryLaterException r ? r.after() : Optional.empty();
                Duration wait = backoff.next(asked);
                status.failed(e.getMessage());
                status.state(State.RETRYING, "attempt " + backoff.failures() + " failed, next in " + wait.toMillis()
                        + " ms: " + e.getMessage());
                if (e instanceof RuntimeException) {
                    LOG.error("Log forwarder {} failed unexpectedly", settings.name(), e);
                }
                try {
                    sleep(wait);
                } catch (InterruptedException ie) {
                    break;
                }
            }
        }
    }

    /** One look at every stream; true if it did work and should look again at once. */
    private boolean pass() throws IOException, LogStoreException, InterruptedException {
        NetworkStatus net = network.get();
        if (!net.online()) {
            status.state(State.OFFLINE, "no network; records wait in the store");
            return false;
        }
        if (!settle()) {
            return true;
        }
        boolean metered = net.metered() && settings.meteredPolicy() != MeteredPolicy.SEND;
        boolean worked = false;
        long behind = 0;
        String held = "";
        boolean deferred = false;
        for (Map.Entry<String, StreamUsage> e : store.usage().entrySet()) {
            String stream = e.getKey();
            long last = e.getValue().lastSequence();
            long position = position(stream);
            if (!settings.streams().matches(stream) || last <= position) {
                waitingSince.remove(stream);
                continue;
            }
            behind += last - position;
            if (metered && (settings.meteredPolicy() == MeteredPolicy.DEFER || !Preparer.critical(stream))) {
                deferred = true;
                continue;
            }
            Optional<String> hold = forward(stream, position, last, metered);
            if (hold == null) {
                worked = true;
            } else if (hold.isPresent()) {
                held = hold.get();
            }
        }
        status.behind(behind);
        if (!worked) {
            if (!held.isEmpty()) {
                status.state(State.HELD_BACK, held);
            } else if (deferred) {
                status.state(State.METERED_WAIT, "metered link, policy " + settings.meteredPolicy().name().toLowerCase(java.util.Locale.ROOT));
            } else if (behind > 0) {
                status.state(State.BEHIND, "waiting for a batch to fill");
            } else {
                status.state(State.CAUGHT_UP, "");
            }
        } else if (behind > settings.batchMaxRecords()) {
            status.state(State.BEHIND, "catching up");
        }
        return worked;
    }

    /**
     * Sends the next batch of a stream if one is due.
     *
     * @return null if a batch was handled; empty if none was due; the reason if the stream must wait
     */
    private Optional<String> forward(String stream, long position, long last, boolean metered)
            throws IOException, LogStoreException, InterruptedException {
        // Nothing moves while a batch is unconfirmed: if it must go again, every position goes back to the cursor.
        if (!settle()) {
            return null;
        }
        List<LogRecord> batch = store.read(stream, position, settings.batchMaxRecords(), settings.batchMaxBytes());
        if (batch.isEmpty()) {
            reportGap(stream, position, last + 1);
            commit(stream, last);
            return null;
        }
        long end = batch.get(batch.size() - 1).sequence();
        long bytes = 0;
        for (LogRecord r : batch) {
            bytes += r.payload().length;
        }
        boolean full = batch.size() >= settings.batchMaxRecords() || bytes >= settings.batchMaxBytes() || end < last;
        Instant now = clock.instant();
        if (!full && now.isBefore(waitingSince.computeIfAbsent(stream, s -> now).plus(settings.batchMaxDelay()))) {
            return Optional.empty();
        }
        Prepared prepared = preparer.prepare(stream, batch, metered && settings.meteredPolicy() == MeteredPolicy.CRITICAL);
        if (prepared.held()) {
            return Optional.of(stream + ": " + prepared.holdReason());
        }
        reportGap(stream, position, batch.get(0).sequence());
        status.prepared(prepared);
        waitingSince.remove(stream);
        if (prepared.records().isEmpty()) {
            commit(stream, end);
            return null;
        }
        Sender.Delivery d = sender.send(prepared.records());
        if (backoff.failures() > 0) {
            LOG.info("Log forwarder {}: delivering again after {} failed attempt(s)", settings.name(), backoff.failures());
            backoff.reset();
        }
        status.delivered(d, clock.instant());
        if (d.rejected() > 0) {
            LOG.warn("Log forwarder {}: {} record(s) of {} up to sequence {} refused by the destination and not sent "
                    + "again: {}", settings.name(), d.rejected(), stream, end, d.problem());
        }
        positions.put(stream, end);
        unconfirmedStream = stream;
        unconfirmedEnd = end;
        if (sender.acknowledges()) {
            settle();
        }
        return null;
    }

    /**
     * Commits the batch written last once the sender confirms it; otherwise every stream restarts from its
     * cursor, which re-sends that batch.
     *
     * @return false if it must be sent again
     * @throws InterruptedException if the forwarder stops while waiting; the batch stays behind the cursor
     */
    private boolean settle() throws IOException, InterruptedException {
        if (unconfirmedStream == null) {
            return true;
        }
        for (Duration wait = sender.untilConfirmable(); !wait.isZero(); wait = sender.untilConfirmable()) {
            sleep(wait);
            if (!running) {
                throw new InterruptedException("stopping with a batch of " + unconfirmedStream + " unconfirmed");
            }
        }
        String stream = unconfirmedStream;
        unconfirmedStream = null;
        if (sender.confirm()) {
            cursor.commit(stream, unconfirmedEnd);
            return true;
        }
        status.resent();
        LOG.info("Log forwarder {}: the connection broke after a batch of {} up to sequence {} was written; sending "
                + "it again", settings.name(), stream, unconfirmedEnd);
        positions.clear();
        return false;
    }

    private void commit(String stream, long sequence) throws IOException {
        positions.put(stream, sequence);
        cursor.commit(stream, sequence);
    }

    private void reportGap(String stream, long position, long next) {
        if (next > position + 1) {
            long missing = next - position - 1;
            status.lost(missing);
            LOG.warn("Log forwarder {}: {} record(s) of {} (sequences {}-{}) were dropped by the log store before they "
                    + "could be delivered", settings.name(), missing, stream, position + 1, next - 1);
        }
    }

    private long position(String stream) {
        Long p = positions.get(stream);
        return p != null ? p : cursor.position(stream);
    }

    private void sleep(Duration d) throws InterruptedException {
        synchronized (sleeper) {
            if (running && !d.isZero()) {
                sleeper.wait(Math.max(1, d.toMillis()));
            }
        }
    }
}
