package io.updraft.logstore.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;

/**
 * The process {@link StoreKillTest} kills: appends to three streams at full speed with small segments (so rotation,
 * compression and size retention run all the time), syncs every 50 ms and now and then purges a stream. Every line
 * on stdout is written only after what it reports returned: {@code open}; {@code a <stream> <seq> ...} for
 * appended records; {@code P <stream>} before and {@code p <stream>} after a purge.
 *
 * <p>Arguments: home directory, seed.
 */
public final class KillChild {
    static final String[] STREAMS = {"s0", "s1", "s2"};
    static final int ACK_EVERY = 16;
    private static final int PURGE_ODDS = 3000;

    private final FileOutputStream out = new FileOutputStream(FileDescriptor.out);

    private KillChild() {
    }

    static Object[] config() {
        return new Object[] {"segmentMaxSize", "4KiB", "retention", "s0: size=48KiB; s1: size=48KiB; "
            + "s2: size=48KiB; store.drops: size=1MiB", "maxTotalBytes", "16MiB"};
    }

    public static void main(String[] args) {
        try {
            new KillChild().run(Path.of(args[0]), Long.parseLong(args[1]));
        } catch (Throwable t) {
            t.printStackTrace();
            Runtime.getRuntime().halt(3);
        }
    }

    private void run(Path home, long seed) throws Exception {
        Random random = new Random(seed);
        FileLogStore store = Stores.open(home, Clock.systemUTC(), config());
        Thread syncer = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(50);
                    store.sync();
                    store.maintain();
                } catch (Exception e) {
                    e.printStackTrace();
                    Runtime.getRuntime().halt(4);
                }
            }
        });
        syncer.setDaemon(true);
        syncer.start();
        line("open");
        StringBuilder acks = new StringBuilder("a");
        int pending = 0;
        while (true) {
            String stream = STREAMS[random.nextInt(STREAMS.length)];
            byte[] payload = (stream + "|" + "x".repeat(random.nextInt(400))).getBytes(StandardCharsets.US_ASCII);
            long seq = store.append(stream, Instant.now(), payload);
            acks.append(' ').append(stream).append(' ').append(seq);
            if (++pending == ACK_EVERY) {
                line(acks.toString());
                acks.setLength(1);
                pending = 0;
            }
            if (random.nextInt(PURGE_ODDS) == 0) {
                if (pending > 0) {
                    line(acks.toString());
                    acks.setLength(1);
                    pending = 0;
                }
                line("P " + stream);
                store.purge(stream);
                line("p " + stream);
            }
        }
    }

    /** One write(2) per line, so a line is either whole in the file when the kill lands or cut and ignored. */
    private void line(String text) throws IOException {
        out.write((text + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
