package io.updraft.logforwarder.internal;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Delivers batches to one destination. Used by one thread at a time. */
interface Sender extends Closeable {

    /**
     * Delivers a batch.
     *
     * @return how much the destination took and refused; refused records are not offered again
     * @throws IOException if the batch may not have arrived: it is offered again after a back-off
     *         ({@link RetryLaterException} when the destination said when)
     */
    Delivery send(List<Outgoing> batch) throws IOException;

    /**
     * Whether everything {@link #send} wrote since the last call has arrived, as far as the protocol lets the
     * sender tell; false means it must be sent again. Protocols with an acknowledgement answer true at once.
     */
    boolean confirm();

    /**
     * How long {@link #confirm} must wait before it can tell whether the last batch arrived; zero when it can tell
     * now or nothing is unconfirmed.
     */
    default Duration untilConfirmable() {
        return Duration.ZERO;
    }

    /** Whether {@link #send} returning normally already means the destination has the batch (an acknowledgement). */
    boolean acknowledges();

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
