package io.updraft.source.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.updraft.verifier.TooLargeException;

/**
 * A response body read as a stream that refuses to be starved or flooded: it fails with
 * {@link TooLargeException} as soon as more than {@code cap} bytes arrive, and with {@link SlowRetrievalException}
 * when {@link TransferLimits} say the transfer is too slow. The HTTP client pushes buffers from its own threads;
 * the reader waits for them with a bounded poll, which is what lets a stall be detected without a watchdog thread.
 */
final class GuardedBody extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();

    private record Failure(Throwable cause) {
    }

    private final String what;
    private final long cap;
    private final TransferLimits limits;
    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private final Deque<ByteBuffer> buffers = new ArrayDeque<>();
    private final long startNanos = System.nanoTime();
    private volatile Flow.Subscription subscription;
    private long received;
    private long lastArrivalNanos = startNanos;
    private boolean ended;
    private boolean closed;

    /**
     * @param what the URL or file, for messages
     * @param cap the most bytes accepted
     */
    GuardedBody(String what, long cap, TransferLimits limits) {
        this.what = what;
        this.cap = cap;
        this.limits = limits;
    }

    long received() {
        return received;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        arrived.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        arrived.add(new Failure(throwable));
    }

    @Override
    public void onComplete() {
        arrived.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException(what + ": stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (buffers.isEmpty()) {
            if (ended) {
                return -1;
            }
            awaitMore();
        }
        ByteBuffer head = buffers.peekFirst();
        int n = Math.min(len, head.remaining());
        head.get(b, off, n);
        if (!head.hasRemaining()) {
            buffers.removeFirst();
        }
        return n;
    }

    /** Reads everything; for metadata, which is small enough to hold. */
    byte[] readAll() throws IOException {
        try (this) {
            return readAllBytes();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            buffers.clear();
            cancel();
        }
    }

    private void awaitMore() throws IOException {
        Object item;
        try {
            item = arrived.poll(waitNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new java.io.InterruptedIOException(what + ": interrupted while waiting for data");
        }
        long now = System.nanoTime();
        if (item == null) {
            checkSpeed(now);
            return;
        }
        if (item == END) {
            ended = true;
            return;
        }
        if (item instanceof Failure failure) {
            ended = true;
            Throwable cause = failure.cause();
            throw cause instanceof IOException io ? io : new IOException(what + ": " + cause, cause);
        }
        @SuppressWarnings("unchecked")
        List<ByteBuffer> list = (List<ByteBuffer>) item;
        for (ByteBuffer buffer : list) {
            received += buffer.remaining();
            if (buffer.hasRemaining()) {
                buffers.addLast(buffer);
            }
        }
        if (received > cap) {
            close();
            throw new TooLargeException(what, cap);
        }
        if (!list.isEmpty()) {
            lastArrivalNanos = now;
        }
        checkSpeed(now);
        subscription.request(1);
    }

    private long waitNanos() {
        long untilStall = lastArrivalNanos + limits.stall().toNanos() - System.nanoTime();
        long wait = untilStall;
        if (limits.hasDeadline()) {
            wait = Math.min(wait, limits.deadlineNanos() - System.nanoTime());
        }
        return Math.max(1, wait);
    }

    private void checkSpeed(long now) throws SlowRetrievalException {
        try {
            long stallNanos = limits.stall().toNanos();
            if (now - lastArrivalNanos >= stallNanos) {
                throw new SlowRetrievalException(what + ": no data for " + limits.stall().toSeconds()
                        + " s after " + received + " bytes");
            }
            long elapsed = now - startNanos;
            if (elapsed >= stallNanos && received * 1_000_000_000.0 / elapsed < limits.minBytesPerSecond()) {
                throw new SlowRetrievalException(String.format("%s: %d bytes in %.1f s is below the minimum rate of"
                        + " %d bytes per second", what, received, elapsed / 1e9, limits.minBytesPerSecond()));
            }
            limits.checkDeadline(what);
        } catch (SlowRetrievalException e) {
            close();
            throw e;
        }
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
