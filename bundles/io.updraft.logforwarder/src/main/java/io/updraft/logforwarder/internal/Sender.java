package io.updraft.logforwarder.internal;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Delivers batches to one destination. Used by one thread at a time. */
interface Sender extends Closeable {

    /**
     * Delivers a batch, or with a protocol without acknowledgement, writes it.
     *
     * @return how much the destination took and refused; refused records are not offered again
     * @throws IOException if the batch may not have arrived: it is offered again after a back-off
     *         ({@link RetryLaterException} when the destination said when)
     */
    Delivery send(List<Outgoing> batch) throws IOException;

    /**
     * Whether {@link #send} returning normally already means the destination has the batch (an acknowledgement).
     * Otherwise a batch is delivered only once {@link #connection} stayed {@link #open} long enough after it.
     */
    boolean acknowledges();

    /** The connection the last {@link #send} wrote on; a new number for every new connection, 0 while none is open. */
    default long connection() {
        return 0;
    }

    /** Whether the connection is open now; finding it closed or reset by the peer closes it here too. */
    default boolean open() {
        return false;
    }

    /** Closes the connection, if any; the sender can be used again and connects anew. */
    @Override
    void close();

    /**
     * @param accepted records the destination took
     * @param rejected records the destination refused for good
     * @param bytes bytes put on the wire
     * @param problem what the destination said about the refused ones; empty when none were
     */
    record Delivery(int accepted, int rejected, long bytes, String problem) {
    }
}
