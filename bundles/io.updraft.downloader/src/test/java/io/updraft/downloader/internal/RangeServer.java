package io.updraft.downloader.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * Jetty 9.4 (the HTTP stack behind Karaf 4.4) on 127.0.0.1 serving files with ETag, Last-Modified, Range and
 * If-Range as a repository server does, and misbehaving on demand.
 */
final class RangeServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    /** How a file is served. */
    enum Mode {
        NORMAL, IGNORE_RANGE, WRONG_CONTENT_RANGE, EXTRA_BYTES, ENDLESS, ALWAYS_416, BUSY_503, STALL, WRONG_LENGTH,
        NOT_FOUND, IGNORE_IF_RANGE
    }

    private record Served(Path file, String etag, Mode mode, long bytesPerSecond) {
    }

    /** One request as the server saw it, and when ({@link System#nanoTime}). */
    record Seen(String path, String range, String ifRange, long nanos) {
    }

    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
    private final Server jetty = new Server();
    private final ServerConnector connector = new ServerConnector(jetty);
    private final Map<String, Served> files = new ConcurrentHashMap<>();
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> busyLeft = new ConcurrentHashMap<>();

    RangeServer() throws Exception {
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        jetty.setHandler(new AbstractHandler() {
            @Override
            public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                base.setHandled(true);
                seen.add(new Seen(target, request.getHeader("Range"), request.getHeader("If-Range"),
                        System.nanoTime()));
                serve(target, request, response);
            }
        });
        jetty.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + connector.getLocalPort() + path;
    }

    /** Serves {@code file} at {@code path}; a new ETag whenever it is put again, as when the content changes. */
    RangeServer put(String path, Path file, Mode mode, long bytesPerSecond) {
        files.put(path, new Served(file, "\"" + Long.toHexString(System.nanoTime()) + "\"", mode, bytesPerSecond));
        return this;
    }

    /** Changes how {@code path} is served, keeping its file and ETag. */
    RangeServer mode(String path, Mode mode, long bytesPerSecond) {
        files.computeIfPresent(path, (p, s) -> new Served(s.file(), s.etag(), mode, bytesPerSecond));
        return this;
    }

    /**
     * Answers the next {@code requests} requests for {@code path} with 503 and Retry-After as {@link Mode#BUSY_503}
     * does, then serves it as before: a server busy for a counted number of attempts, whatever their timing.
     */
    RangeServer busyFor(String path, int requests) {
        busyLeft.put(path, new AtomicInteger(requests));
        return this;
    }

    RangeServer put(String path, Path file) {
        return put(path, file, Mode.NORMAL, 0);
    }

    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    private void serve(String target, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Served s = files.get(target);
        if (s == null || s.mode() == Mode.NOT_FOUND) {
            response.sendError(404);
            return;
        }
        AtomicInteger busy = busyLeft.get(target);
        if (s.mode() == Mode.BUSY_503 || busy != null && busy.getAndDecrement() > 0) {
            response.setHeader("Retry-After", "1");
            response.sendError(503);
            return;
        }
        try (FileChannel ch = FileChannel.open(s.file(), StandardOpenOption.READ)) {
            long size = ch.size();
            long from = 0;
            Matcher m = RANGE.matcher(String.valueOf(request.getHeader("Range")));
            String ifRange = request.getHeader("If-Range");
            boolean ranged = m.matches() && s.mode() != Mode.IGNORE_RANGE && (ifRange == null
                    || s.mode() == Mode.IGNORE_IF_RANGE || ifRange.equals(s.etag()));
            if (s.mode() == Mode.ALWAYS_416 || ranged && Long.parseLong(m.group(1)) >= size) {
                response.setHeader("Content-Range", "bytes */" + size);
                response.setStatus(416);
                return;
            }
            response.setHeader("ETag", s.etag());
            response.setHeader("Accept-Ranges", "bytes");
            if (ranged) {
                from = Long.parseLong(m.group(1));
                response.setStatus(206);
                long shownFrom = s.mode() == Mode.WRONG_CONTENT_RANGE ? from + 1 : from;
                response.setHeader("Content-Range", "bytes " + shownFrom + "-" + (size - 1) + "/" + size);
            } else {
                response.setStatus(200);
            }
            if (s.mode() == Mode.WRONG_LENGTH) {
                response.setContentLengthLong(size - from + 1);
            } else if (s.mode() != Mode.EXTRA_BYTES && s.mode() != Mode.ENDLESS) {
                response.setContentLengthLong(size - from);
            }
            OutputStream out = response.getOutputStream();
            copy(ch, from, size, out, s);
            if (s.mode() == Mode.EXTRA_BYTES) {
                out.write(new byte[4096]);
            }
            if (s.mode() == Mode.ENDLESS) {
                byte[] junk = new byte[16384];
                while (true) {
                    out.write(junk);
                }
            }
        }
    }

    private void copy(FileChannel ch, long from, long size, OutputStream out, Served s) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(16384);
        long start = System.nanoTime();
        long sent = 0;
        for (long pos = from; pos < size;) {
            buf.clear();
            int n = ch.read(buf, pos);
            out.write(buf.array(), 0, n);
            pos += n;
            sent += n;
            if (s.mode() == Mode.STALL && sent >= 16384) {
                out.flush();
                try {
                    closing.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("stalled response ended");
            }
            if (s.bytesPerSecond() > 0) {
                out.flush();
                long due = start + (long) (sent * 1e9 / s.bytesPerSecond());
                sleep((due - System.nanoTime()) / 1_000_000);
            }
        }
    }

    private static void sleep(long millis) throws IOException {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() throws Exception {
        closing.countDown();
        jetty.stop();
    }
}
