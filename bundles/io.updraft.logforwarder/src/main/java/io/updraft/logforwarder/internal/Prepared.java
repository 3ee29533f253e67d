package io.updraft.logforwarder.internal;

import java.util.List;

/**
 * What the privacy checks made of a batch read from the store.
 *
 * @param records what may leave the device, in stream order; the whole batch counts as handled once they are delivered
 * @param suppressed records withheld by k-anonymity or dropped by the anonymizer's rules
 * @param withheld log entries not sent for lack of consent for diagnostics
 * @param meteredDropped log entries below WARN dropped by the metered "critical" policy
 * @param malformed records that could not be read (counted and skipped, never sent half-understood)
 * @param holdReason non-empty if nothing of the batch may be handled now (e.g. no anonymizer bound): the stream waits
 */
record Prepared(List<Outgoing> records, int suppressed, int withheld, int meteredDropped, int malformed,
        String holdReason) {
    Prepared {
        records = List.copyOf(records);
    }

    static Prepared hold(String reason) {
        return new Prepared(List.of(), 0, 0, 0, 0, reason);
    }

    boolean held() {
        return !holdReason.isEmpty();
    }
}
