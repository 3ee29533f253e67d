package io.updraft.downloader.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body taken in batches of buffers, with at most {@value #WINDOW} batches asked for and not yet consumed:
 * memory does not grow with the artifact, yet the client goes on reading the socket while the previous batches are
 * hashed and written (asking for one batch at a time made the two threads take turns, a hand-over per ~16 KiB).
 * The reader waits with a bounded poll, which is what lets it notice a stall, a pause or a throttle without a
 * watchdog thread.
 */
final class BodyStream implements Flow.Subscriber<List<ByteBuffer>> {
    /** Returned by {@link #next} at the end of the body. */
    static final List<ByteBuffer> END = new ArrayList<>(0);

    /** Batches in flight; the client's are ~16 KiB each, so this bounds the body's memory to about 128 KiB. */
    static final int WINDOW = 8;

    private record Failure(Throwable cause) {
    }

    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(WINDOW);
        }
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

    /**
     * The buffers of the next batch and of those that arrived behind it, up to about {@code maxBytes}; {@link #END}
     * at the end, or null if nothing came within {@code nanos}. Taking what is ready together lets the caller write it
     * with one system call. Call {@link #more} with the number of batches once they are consumed.
     *
     * @param batches receives the number of batches taken, at index 0
     * @throws IOException if the transfer failed (e.g. the connection was cut)
     */
    @SuppressWarnings("unchecked")
    List<ByteBuffer> next(long nanos, long maxBytes, int[] batches) throws IOException, InterruptedException {
        Object item = arrived.poll(nanos, TimeUnit.NANOSECONDS);
        batches[0] = 0;
        if (item instanceof Failure f) {
            Throwable cause = f.cause();
            throw cause instanceof IOException io ? io : new IOException(cause.toString(), cause);
        }
        if (item == null || item == END) {
            return (List<ByteBuffer>) item;
        }
        List<ByteBuffer> taken = new ArrayList<>((List<ByteBuffer>) item);
        batches[0] = 1;
        long bytes = remaining(taken);
        // The end or a failure behind data stays queued for the next call, after the data is written.
        while (bytes < maxBytes && arrived.peek() instanceof List<?> ready && ready != END) {
            arrived.poll();
            taken.addAll((List<ByteBuffer>) ready);
            bytes += remaining((List<ByteBuffer>) ready);
            batches[0]++;
        }
        return taken;
    }

    private static long remaining(List<ByteBuffer> buffers) {
        long n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        return n;
    }

    void more(int batches) {
        subscription.request(batches);
    }

    /** Gives the body up; the client closes the connection. */
    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
