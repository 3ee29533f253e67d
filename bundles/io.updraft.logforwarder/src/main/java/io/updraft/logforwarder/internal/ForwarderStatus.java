package io.updraft.logforwarder.internal;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How one destination fares, kept in memory; state changes are logged at INFO. Thread-safe. */
final class ForwarderStatus {
    private static final Logger LOG = LoggerFactory.getLogger(ForwarderStatus.class);

    /** What the destination's worker is doing. */
    enum State {
        STARTING, CAUGHT_UP, BEHIND, RETRYING, OFFLINE, METERED_WAIT, HELD_BACK
    }

    /**
     * A snapshot.
     *
     * @param delivered records the destination took
     * @param rejected records the destination refused (not offered again)
     * @param lost records the store dropped before they were delivered (gaps in the sequence)
     * @param suppressed records held back by k-anonymity or dropped by the anonymizer's rules
     * @param withheld log entries not sent for lack of diagnostics consent
     * @param meteredDropped log entries below WARN dropped on a metered link under the critical policy
     * @param malformed records that could not be read
     * @param resent records sent again because a connection broke before they were confirmed
     * @param failures failed delivery attempts
     * @param behind records waiting in the forwarded streams at the last look
     */
    record Snapshot(String name, State state, long delivered, long rejected, long lost, long suppressed, long withheld,
            long meteredDropped, long malformed, long resent, long failures, long bytes, long behind, String lastError,
            Instant lastDelivery) {
    }

    private final String name;
    private State state = State.STARTING;
    private String detail = "";
    private long delivered;
    private long rejected;
    private long lost;
    private long suppressed;
    private long withheld;
    private long meteredDropped;
    private long malformed;
    private long resent;
    private long failures;
    private long bytes;
    private long behind;
    private String lastError = "";
    private Instant lastDelivery;

    ForwarderStatus(String name) {
        this.name = name;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(name, state, delivered, rejected, lost, suppressed, withheld, meteredDropped, malformed,
                resent, failures, bytes, behind, lastError, lastDelivery);
    }

    /** Moves to a state; logs when the state or its reason changed. */
    synchronized void state(State next, String why) {
        if (next != state || !why.equals(detail)) {
            LOG.info("Log forwarder {}: {}{}", name, next.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    why.isEmpty() ? "" : " (" + why + ")");
        }
        state = next;
        detail = why;
    }

    synchronized void behind(long records) {
        behind = records;
    }

    synchronized void prepared(Prepared p) {
        suppressed += p.suppressed();
        withheld += p.withheld();
        meteredDropped += p.meteredDropped();
        malformed += p.malformed();
    }

    synchronized void delivered(Sender.Delivery d, Instant at) {
        delivered += d.accepted();
        rejected += d.rejected();
        bytes += d.bytes();
        lastDelivery = at;
    }

    synchronized void lost(long records) {
        lost += records;
    }

    synchronized void resent(long records) {
        resent += records;
    }

    synchronized void failed(String error) {
        failures++;
        lastError = error;
    }
}
