package io.updraft.telemetry.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Consent;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;
import io.updraft.telemetry.internal.store.StoreLimits;

/**
 * The process {@link StoreKillTest} kills: opens the real engine and publishes events at full speed until it dies;
 * with purges on, it withdraws and re-grants a category now and then, and with retention changes on, it switches
 * the store's size limit. Every line on stdout is written only after what it reports has returned.
 *
 * <p>Lines: {@code open <withdrawn category or ->}; {@code a <seq>:<category ordinal> ...} for the last
 * {@link #ACK_EVERY} stored events; {@code w <category> <highest sequence so far>} before a withdrawal and
 * {@code p <category> <same sequence>} once it (and so its purge) returned; {@code g <category>} and
 * {@code G <category>} around a re-grant; {@code r <bytes>} after a new size limit was enforced.
 *
 * <p>Arguments: home directory, seed, purges (true/false), retention changes (true/false).
 */
public final class StoreKillChild {
    /** The categories written: those stored without an anonymizer, so no anonymizer is needed. */
    static final List<Category> CATEGORIES = List.of(Category.DIAGNOSTICS, Category.PERFORMANCE, Category.CRASH,
            Category.OTA);
    static final int ACK_EVERY = 32;
    static final long SEGMENT_BYTES = 4096;
    /** The configured retention size; a child switches between it and {@link #SMALL_RETENTION_BYTES}. */
    static final long RETENTION_BYTES = 24 * 1024;
    static final long SMALL_RETENTION_BYTES = 8 * 1024;
    /** The largest record a child writes (framing included), with room to spare. */
    static final int MAX_RECORD = 1024;
    // A consent change costs a few fsyncs (about 2-5 ms here); these odds make several per child lifetime.
    private static final int CHANGE_ODDS = 400;
    private static final int RETENTION_ODDS = 1500;

    private final FileOutputStream out = new FileOutputStream(FileDescriptor.out);
    private final StringBuilder acks = new StringBuilder("a");
    private int pending;

    private StoreKillChild() {
    }

    static TelemetryConfig config(Path home) {
        String[] stored = CATEGORIES.stream().map(Category::id).toArray(String[]::new);
        return TestConfigs.config(home, "storedWithoutAnonymizer", stored, "defaultOn", stored,
                "collectorThreads", 1, "syncInterval", "100ms", "segmentMaxSize", Long.toString(SEGMENT_BYTES),
                "retentionSize", new String[] {"*=" + RETENTION_BYTES});
    }

    public static void main(String[] args) {
        try {
            new StoreKillChild().run(Path.of(args[0]), Long.parseLong(args[1]), Boolean.parseBoolean(args[2]),
                    Boolean.parseBoolean(args[3]));
        } catch (Throwable t) {
            t.printStackTrace();
            // The engine's threads would keep the JVM alive; the test must see the failure, not a kill.
            Runtime.getRuntime().halt(3);
        }
    }

    private void run(Path home, long seed, boolean purges, boolean retention) throws Exception {
        Random random = new Random(seed);
        TelemetryEngine engine = new TelemetryEngine(config(home), Clock.systemUTC(), () -> null);
        Category withdrawn = null;
        for (Category c : CATEGORIES) {
            if (engine.consent().consent(c).status() == Consent.Status.WITHDRAWN) {
                withdrawn = c;
            }
        }
        line("open " + (withdrawn == null ? "-" : withdrawn.id()));
        long last = 0;
        for (long i = 0;; i++) {
            Category c = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
            Map<String, Object> fields = Map.of("seed", seed, "i", i, "pad", "x".repeat(random.nextInt(300)));
            Optional<TelemetryEvent> stored = engine.publish(
                    TelemetryEvents.draft("test.kill", 1, c, "tick", fields));
            if (c == withdrawn) {
                if (stored.isPresent()) {
                    throw new AssertionError("a " + c.id() + " event was stored after consent was withdrawn: "
                            + stored.get());
                }
            } else {
                last = stored.orElseThrow(() -> new AssertionError("a " + c.id() + " event was not stored"))
                        .sequence();
                acks.append(' ').append(last).append(':').append(c.ordinal());
                if (++pending == ACK_EVERY) {
                    flush();
                }
            }
            if (purges && random.nextInt(CHANGE_ODDS) == 0) {
                flush();
                withdrawn = change(engine, withdrawn, random, last);
            }
            if (retention && random.nextInt(RETENTION_ODDS) == 0) {
                flush();
                long bytes = random.nextBoolean() ? SMALL_RETENTION_BYTES : RETENTION_BYTES;
                engine.store().limits(limits(bytes));
                engine.store().enforceRetention();
                line("r " + bytes);
            }
        }
    }

    /** Withdraws a random category if none is withdrawn, else grants the withdrawn one again; returns the new one. */
    private Category change(TelemetryEngine engine, Category withdrawn, Random random, long last) throws Exception {
        if (withdrawn == null) {
            Category w = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
            line("w " + w.id() + " " + last);
            engine.consent().change(1, Set.of(), Set.of(w));
            line("p " + w.id() + " " + last);
            return w;
        }
        line("g " + withdrawn.id());
        engine.consent().change(1, Set.of(withdrawn), Set.of());
        line("G " + withdrawn.id());
        return null;
    }

    static StoreLimits limits(long retentionBytes) {
        Map<Category, Duration> ages = new EnumMap<>(Category.class);
        Map<Category, Long> sizes = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            ages.put(c, Duration.ofDays(30));
            sizes.put(c, retentionBytes);
        }
        return new StoreLimits(SEGMENT_BYTES, Duration.ofHours(1), ages, sizes);
    }

    private void flush() throws IOException {
        if (pending > 0) {
            line(acks.toString());
            acks.setLength(1);
            pending = 0;
        }
    }

    /** One write(2) per line, so a line is either whole in the file when the kill lands or cut and ignored. */
    private void line(String text) throws IOException {
        out.write((text + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
