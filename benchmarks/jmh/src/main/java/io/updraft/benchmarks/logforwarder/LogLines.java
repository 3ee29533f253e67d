package io.updraft.benchmarks.logforwarder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The benchmark's log traffic: runtime log entries as the log store holds them (JSON, ~230 bytes), and the RFC 5425
 * frame the forwarder makes of such an entry, for the reference writer.
 */
final class LogLines {
    private static final String[] MESSAGES = {
        "Checked https://updates.example.com/repository/robot: 3 targets, no update for product robot rev-b (412 ms)",
        "Download app-2.4.1.tar.zst: 18874368 of 52428800 bytes, 1.9 MiB/s, checkpoint saved, resuming from offset",
        "Telemetry batch of 500 events sealed and queued for upload to the collector, 37 events still pending here",
    };

    private LogLines() {
    }

    /** The JSON log entry number {@code i}, as the runtime's log appender writes it. */
    static byte[] entry(long i, Instant ts) {
        return ("{\"ts\":\"" + ts + "\",\"level\":\"INFO\",\"logger\":\"io.updraft.checker.internal.UpdateChecker\","
                + "\"thread\":\"updraft-checker-1\",\"message\":\"" + message(i) + "\",\"bundle\":\"io.updraft.checker\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String message(long i) {
        return MESSAGES[(int) (i % MESSAGES.length)] + " #" + i;
    }

    /** An octet-counted RFC 5424 frame laid out as the forwarder lays out a log entry (facility local0, INFO). */
    static byte[] frame(long i, Instant ts, String host, long pid) {
        String msg = "<134>1 " + ts + " " + host + " updraft " + pid + " log [updraft@32473 id=\"bench-store/log/" + i
                + "\" stream=\"log\" seq=\"" + i + "\"] " + message(i);
        byte[] body = msg.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (body.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }
}
