package io.updraft.telemetry.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Predicate;

import io.updraft.logstore.LogRecord;
import io.updraft.logstore.LogStore;
import io.updraft.logstore.LogStoreException;
import io.updraft.logstore.StreamUsage;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.StoreUsage;
import io.updraft.telemetry.TelemetryCodec;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;
import io.updraft.fs.DurableSequence;

/**
 * Telemetry's view of the log store: one stream per category, {@code telemetry.<category>}, holding events in the
 * form of {@link TelemetryCodec}. Gives events their id, time and sequence number; the sequence numbers are
 * telemetry's own (file {@code sequence} in the telemetry directory) and keep increasing across restarts and
 * purges. Thread-safe: events are numbered and appended under one lock, so each stream holds them in order.
 */
public final class EventLog {
    /** Sequence numbers reserved per durable write of the sequence file. */
    static final long SEQUENCE_BLOCK = 100_000;
    private static final int READ_BATCH = 1000;
    private static final long READ_BYTES = 4L << 20;

    private final LogStore store;
    private final Clock clock;
    private final TelemetryCodec codec = new TelemetryCodec();
    private final EventEncoder encoder = new EventEncoder();
    private final DurableSequence sequences;
    private final SplittableRandom ids;

    EventLog(Path telemetryDir, LogStore store, Clock clock) throws IOException, LogStoreException {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        // Ids only need to be unique, not secret; one secure seed keeps them unpredictable across devices.
        this.ids = new SplittableRandom(new SecureRandom().nextLong());
        this.sequences = new DurableSequence(telemetryDir.resolve("sequence"), SEQUENCE_BLOCK, highestStored() + 1,
                clock);
    }

    /** The stream of a category's events. */
    public static String stream(Category c) {
        return "telemetry." + c.id();
    }

    /** A floor for the sequence numbers should their file be lost: the newest event kept of any category. */
    private long highestStored() throws LogStoreException {
        long highest = 0;
        Map<String, StreamUsage> usage = store.usage();
        for (Category c : Category.values()) {
            StreamUsage u = usage.get(stream(c));
            if (u != null && u.records() > 0) {
                List<LogRecord> last = store.read(stream(c), u.lastSequence() - 1, 1, Long.MAX_VALUE);
                for (LogRecord r : last) {
                    try {
                        highest = Math.max(highest, codec.decode(r.payload()).sequence());
                    } catch (IllegalArgumentException e) {
                        // Not an event of this version: it sets no floor.
                    }
                }
            }
        }
        return highest;
    }

    /**
     * Stores the event if {@code allowed} still holds for its category when the store takes it, assigning its
     * sequence number and, for a draft, its id and time.
     *
     * @return the event as stored; empty if not allowed
     */
    public synchronized Optional<TelemetryEvent> append(TelemetryEvent event, Predicate<Category> allowed)
            throws IOException, LogStoreException {
        Category c = event.category();
        if (!allowed.test(c)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String id = TelemetryEvents.hasUnassignedId(event) ? newId() : event.id();
        TelemetryEvent stored = new TelemetryEvent(id, sequences.next(),
                TelemetryEvents.hasUnassignedTime(event) ? now : event.timestamp(), event.schema(),
                event.schemaVersion(), c, event.type(), event.fields());
        long at = store.append(stream(c), stored.timestamp(), encoder.encode(stored), () -> allowed.test(c));
        return at < 0 ? Optional.empty() : Optional.of(stored);
    }

    private String newId() {
        long msb = (ids.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (ids.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }

    /** Deletes every stored event of the category; returns how many. */
    public long purge(Category c) throws LogStoreException {
        return store.purge(stream(c));
    }

    /** Every stored event of the category, oldest first. */
    public List<TelemetryEvent> read(Category c) throws LogStoreException {
        List<TelemetryEvent> out = new ArrayList<>();
        long after = 0;
        for (List<LogRecord> batch; !(batch = store.read(stream(c), after, READ_BATCH, READ_BYTES)).isEmpty();) {
            for (LogRecord r : batch) {
                out.add(codec.decode(r.payload()));
                after = r.sequence();
            }
        }
        return out;
    }

    public StoreUsage usage(Category c) {
        return usage(store.usage().get(stream(c)));
    }

    public Map<Category, StoreUsage> usage() {
        Map<String, StreamUsage> all = store.usage();
        Map<Category, StoreUsage> out = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            out.put(c, usage(all.get(stream(c))));
        }
        return out;
    }

    private static StoreUsage usage(StreamUsage u) {
        return u == null ? StoreUsage.EMPTY : new StoreUsage(u.records(), u.bytes());
    }
}
