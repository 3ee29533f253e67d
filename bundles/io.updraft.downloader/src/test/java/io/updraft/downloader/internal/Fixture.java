package io.updraft.downloader.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.util.converter.Converters;

import io.updraft.downloader.DownloadRequest;
import io.updraft.product.NetworkMonitor;
import io.updraft.product.NetworkStatus;

/** Configurations, artifacts and fakes shared by the downloader's tests. */
final class Fixture {
    private Fixture() {
    }

    /** A configuration as ConfigAdmin would deliver it, with short delays and timeouts for tests. */
    static Map<String, Object> properties(Path home) {
        Map<String, Object> p = new HashMap<>();
        p.put("home", home.toString());
        p.put("retryDelay", "PT0.02S");
        p.put("maxRetryDelay", "PT0.2S");
        p.put("giveUpAfter", "PT20S");
        p.put("readTimeout", "PT2S");
        p.put("connectTimeout", "PT2S");
        p.put("networkCheckInterval", "PT0.05S");
        p.put("reserveBytes", 0L);
        p.put("checkpointBytes", 64L * 1024);
        return p;
    }

    static DownloaderConfig config(Map<String, Object> properties) {
        return Converters.standardConverter().convert(properties).to(DownloaderConfig.class);
    }

    static Settings settings(Map<String, Object> properties) {
        return Settings.of(config(properties));
    }

    /** A file of {@code size} seeded random bytes, written in small pieces so the heap stays small. */
    static Path randomFile(Path file, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0;) {
                for (int i = 0; i < buf.length; i += 8) {
                    long v = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        buf[i + j] = (byte) (v >>> (8 * j));
                    }
                }
                int n = (int) Math.min(left, buf.length);
                out.write(buf, 0, n);
                left -= n;
            }
        }
        return file;
    }

    static String sha256(Path file) throws IOException {
        return digest("SHA-256", file);
    }

    static String digest(String algorithm, Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            byte[] buf = new byte[64 * 1024];
            try (var in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buf)) > 0;) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static DownloadRequest request(String id, Path file, String... urls) throws IOException {
        List<URI> list = new ArrayList<>();
        for (String u : urls) {
            list.add(URI.create(u));
        }
        return new DownloadRequest(id, "update-1", "app", list, Files.size(file), Map.of("sha256", sha256(file)));
    }

    /** Runs a download in another thread. */
    static CompletableFuture<Path> start(DownloaderComponent d, DownloadRequest r) {
        CompletableFuture<Path> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(d.download(r));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "test-download-" + r.id());
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** A network monitor whose answer the test sets. */
    static final class FakeNetwork implements NetworkMonitor {
        final AtomicReference<NetworkStatus> status = new AtomicReference<>(new NetworkStatus(true, false, "eth0"));
        final AtomicLong calls = new AtomicLong();

        @Override
        public NetworkStatus network() {
            calls.incrementAndGet();
            return status.get();
        }
    }

    /** A space probe whose answer the test sets. */
    static final class FakeSpace implements SpaceProbe {
        final AtomicLong free = new AtomicLong(Long.MAX_VALUE);

        @Override
        public long usableBytes(Path dir) {
            return free.get();
        }
    }

    /** Keeps every event posted. */
    static final class Events implements EventAdmin {
        final List<Event> posted = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void postEvent(Event event) {
            posted.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            posted.add(event);
        }

        List<Event> snapshot() {
            synchronized (posted) {
                return List.copyOf(posted);
            }
        }
    }

    static DownloaderComponent downloader(Map<String, Object> properties, SpaceProbe space) throws IOException {
        return new DownloaderComponent(config(properties), Clock.systemUTC(), space);
    }

    /** A downloader whose delays between attempts come from {@code backoff}. */
    static DownloaderComponent downloader(Map<String, Object> properties, SpaceProbe space, Backoff backoff)
            throws IOException {
        return new DownloaderComponent(config(properties), Clock.systemUTC(), space, backoff);
    }
}
