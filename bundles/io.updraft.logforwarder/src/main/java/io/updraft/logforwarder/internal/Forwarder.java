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
 * The cursor moves only after the destination has the batch, so delivery is at-least-once. With an
 * acknowledgement (OTLP) that is when {@link Sender#send} returns. Without one (syslog) batches are written back to
 * back and each is confirmed once its connection is still open confirmDelay after it ({@link ConfirmationWindow});
 * when the connection breaks first, the unconfirmed batches are forgotten and reading restarts from the cursor, so
 * at most maxUnconfirmedRecords records arrive twice per broken connection, crash or restart.
 */
final class Forwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    private static final long STOP_WAIT_MILLIS = 2000;
    /** How long a stop lets a write in progress finish before closing the connection under it. */
    private static final long SEND_GRACE_MILLIS = 200;

    private final Settings settings;
    private final LogStore store;
    private final Sender sender;
    private final Preparer preparer;
    private final Supplier<NetworkStatus> network;
    private final Clock clock;
    private final Backoff backoff;
    private final ForwarderStatus status;
    private final Duration poll;
    /** Where the next read starts, per stream; ahead of the cursor only by unconfirmed batches. */
    private final Map<String, Long> positions = new HashMap<>();
    private final Map<String, Instant> waitingSince = new HashMap<>();
    private final Object sleeper = new Object();
    /** Written batches in doubt; null when the sender's protocol acknowledges. */
    private final ConfirmationWindow window;
    /** Least time between two probes of the connection while writing goes on, so probing costs little. */
    private final long probeSpacingNanos;
    private long lastProbe;
    /** Whether a stream waited this pass because the window was full. */
    private boolean windowFull;
    private Cursor cursor;
    private Thread thread;
    private volatile boolean running;
    /** Whether the worker is inside {@link Sender#send}, where a relay that stopped reading can hold it up to timeout. */
    private volatile boolean sending;

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
        this.window = sender.acknowledges() ? null
                : new ConfirmationWindow(settings.confirmDelay().toNanos(), settings.maxUnconfirmedRecords());
        this.probeSpacingNanos = settings.confirmDelay().toNanos() / 8;
        this.lastProbe = System.nanoTime() - probeSpacingNanos;
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
                t.join(sending ? SEND_GRACE_MILLIS : STOP_WAIT_MILLIS);
                if (t.isAlive() && sending) {
                    // A write held up by the relay ends only when its connection closes; what it carried is not
                    // confirmed and goes again from the cursor after the restart.
                    sender.close();
                    t.join(STOP_WAIT_MILLIS);
                }
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
                    sleep(idle());
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
        finish();
    }

    /** One look at every stream; true if it did work and should look again at once. */
    private boolean pass() throws IOException, LogStoreException, InterruptedException {
        confirmDue();
        NetworkStatus net = network.get();
        if (!net.online()) {
            status.state(State.OFFLINE, "no network; records wait in the store");
            return false;
        }
        windowFull = false;
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
            } else if (windowFull) {
                status.state(State.BEHIND, "catching up");
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
        if (window != null && !window.hasRoomFor(settings.batchMaxRecords())) {
            windowFull = true;
            return Optional.empty();
        }
        List<LogRecord> batch = store.read(stream, position, settings.batchMaxRecords(), settings.batchMaxBytes());
        if (batch.isEmpty()) {
            reportGap(stream, position, last + 1);
            advance(stream, last);
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
            advance(stream, end);
            return null;
        }
        Sender.Delivery d;
        sending = true;
        try {
            d = sender.send(prepared.records());
        } finally {
            sending = false;
        }
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
        if (window == null) {
            cursor.commit(stream, end);
        } else {
            window.written(stream, end, prepared.records().size(), sender.connection(), System.nanoTime());
        }
        return null;
    }

    /**
     * Confirms the batches the connection has proved delivered and moves the cursor past them; if the connection
     * they went on broke, forgets them and restarts reading from the cursor, which sends them again. Probes the
     * connection only when a batch is due, and then at most once per probe spacing.
     */
    private void confirmDue() throws IOException {
        if (window == null || window.isEmpty()) {
            return;
        }
        if (!window.allOn(sender.connection())) {
            rewind();
            return;
        }
        long now = System.nanoTime();
        if (now - window.firstDue() < 0 || now - lastProbe < probeSpacingNanos) {
            return;
        }
        lastProbe = now;
        if (!sender.open()) {
            rewind();
            return;
        }
        cursor.commit(window.confirm(now));
    }

    private void rewind() {
        int again = window.drop();
        positions.clear();
        status.resent(again);
        LOG.info("Log forwarder {}: the connection broke with {} record(s) written but not yet confirmed; sending "
                + "them again from the cursor", settings.name(), again);
    }

    /** How long to wait when nothing could be sent: until the next confirmation is due, at most the poll interval. */
    private Duration idle() {
        if (window == null || window.isEmpty()) {
            return poll;
        }
        long now = System.nanoTime();
        long wait = Math.max(window.firstDue() - now, lastProbe + probeSpacingNanos - now);
        return Duration.ofNanos(Math.max(1_000_000, Math.min(poll.toNanos(), wait)));
    }

    /**
     * On a stop with the connection open, waits out the confirmation delay of the batches written last (close
     * interrupts a wait longer than it allows) so that they need not go again after the restart.
     */
    private void finish() {
        if (window == null || window.isEmpty() || cursor == null) {
            return;
        }
        if (!window.allOn(sender.connection())) {
            // The connection they went on is gone (a write failed or the stop closed it): no wait can confirm them.
            return;
        }
        try {
            long wait = window.lastDue() - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000 + 1);
            }
            long now = System.nanoTime();
            if (window.allOn(sender.connection()) && sender.open()) {
                cursor.commit(window.confirm(now));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Log forwarder {}: cannot save the cursor on stopping; {} record(s) will be sent again: {}",
                    settings.name(), window.records(), e.getMessage());
        }
    }

    /**
     * Moves a stream past records that need no sending. While batches of the stream are unconfirmed the cursor
     * follows with them, never ahead of them.
     */
    private void advance(String stream, long sequence) throws IOException {
        positions.put(stream, sequence);
        if (window != null && window.holds(stream)) {
            window.skipped(stream, sequence);
        } else {
            cursor.commit(stream, sequence);
        }
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
