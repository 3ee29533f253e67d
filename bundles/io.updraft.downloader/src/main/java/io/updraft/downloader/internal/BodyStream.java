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
 * A response body taken one batch of buffers at a time: the next batch is asked for only after the previous one is
 * written, so the client holds at most one batch and memory does not grow with the artifact. The reader waits with
 * a bounded poll, which is what lets it notice a stall, a pause or a throttle without a watchdog thread.
 */
final class BodyStream implements Flow.Subscriber<List<ByteBuffer>> {
    /** Returned by {@link #next} at the end of the body. */
    static final List<ByteBuffer> END = new ArrayList<>(0);

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
            s.request(1);
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
     * The next batch of buffers, {@link #END} at the end, or null if nothing came within {@code nanos}. Call
     * {@link #more} once the batch is consumed.
     *
     * @throws IOException if the transfer failed (e.g. the connection was cut)
     */
    @SuppressWarnings("unchecked")
    List<ByteBuffer> next(long nanos) throws IOException, InterruptedException {
        Object item = arrived.poll(nanos, TimeUnit.NANOSECONDS);
        if (item instanceof Failure f) {
            Throwable cause = f.cause();
            throw cause instanceof IOException io ? io : new IOException(cause.toString(), cause);
        }
        return (List<ByteBuffer>) item;
    }

    void more() {
        subscription.request(1);
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
