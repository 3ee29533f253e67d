package io.updraft.logstore.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The JSON record of one log event in stream {@code log}: {@code ts}, {@code level}, {@code logger},
 * {@code thread}, {@code message}, {@code exception} (class, message and stack as text) and {@code bundle}
 * (symbolic name); absent values are left out. Text fields are capped so one runaway message cannot crowd out
 * the rest of the log.
 */
final class LogEventJson {
    static final int MAX_MESSAGE = 8 * 1024;
    static final int MAX_EXCEPTION = 16 * 1024;
    private static final String CUT = "...[cut]";

    private LogEventJson() {
    }

    static byte[] encode(Instant ts, String level, String logger, String thread, String message, String exception,
            String bundle) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"ts\":\"").append(ts).append("\",\"level\":");
        string(b, level, 16);
        field(b, "logger", logger, 512);
        field(b, "thread", thread, 512);
        field(b, "message", message, MAX_MESSAGE);
        field(b, "exception", exception, MAX_EXCEPTION);
        field(b, "bundle", bundle, 512);
        return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder b, String name, String value, int cap) {
        if (value != null) {
            b.append(",\"").append(name).append("\":");
            string(b, value, cap);
        }
    }

    private static void string(StringBuilder b, String value, int cap) {
        String v = value;
        if (v.length() > cap) {
            int end = cap;
            // Never split a surrogate pair: half of one is not valid UTF-8.
            if (Character.isHighSurrogate(v.charAt(end - 1))) {
                end--;
            }
            v = v.substring(0, end) + CUT;
        }
        b.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
