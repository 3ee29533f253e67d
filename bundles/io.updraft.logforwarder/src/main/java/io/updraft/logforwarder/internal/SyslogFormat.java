package io.updraft.logforwarder.internal;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * RFC 5424 messages with RFC 5425 octet-counting framing ({@code LEN SP MSG}):
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [updraft@PEN id=".." stream=".." seq=".."] MSG}.
 * PROCID is the agent's process id, MSGID the stream name (cut to 32 characters), MSG the log message (with the
 * exception after a line break) or the event as JSON. MSG is UTF-8 without the optional BOM: many relays copy a
 * BOM into files and JSON as a stray character, and octet counting already delimits the message.
 */
final class SyslogFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final int facility;
    private final String hostname;
    private final String appName;
    private final String procId;
    private final String sdId;

    SyslogFormat(int facility, String hostname, String appName, long pid, int enterpriseNumber) {
        this.facility = facility;
        this.hostname = header(hostname, 255);
        this.appName = header(appName, 48);
        this.procId = header(Long.toString(pid), 128);
        this.sdId = "updraft@" + enterpriseNumber;
    }

    /** The message without framing. */
    String message(Outgoing o) {
        StringBuilder b = new StringBuilder(160 + o.text().length());
        b.append('<').append(facility * 8 + o.level().syslogSeverity()).append(">1 ")
                .append(TIME.format(o.time())).append(' ')
                .append(hostname).append(' ')
                .append(appName).append(' ')
                .append(procId).append(' ')
                .append(header(o.stream(), 32)).append(' ')
                .append('[').append(sdId);
        param(b, "id", o.id());
        param(b, "stream", o.stream());
        param(b, "seq", Long.toString(o.sequence()));
        b.append("] ").append(o.text());
        return b.toString();
    }

    /** The framed message as it goes on the wire. */
    byte[] frame(Outgoing o) {
        byte[] msg = message(o).getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (msg.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + msg.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(msg, 0, out, prefix.length, msg.length);
        return out;
    }

    private static void param(StringBuilder b, String name, String value) {
        b.append(' ').append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // RFC 5424 section 6.3.3: '"', '\' and ']' are escaped inside PARAM-VALUE.
            if (c == '"' || c == '\\' || c == ']') {
                b.append('\\');
            }
            b.append(c);
        }
        b.append('"');
    }

    /** A header field: printable US-ASCII only, at most {@code max} characters, "-" when empty. */
    static String header(String value, int max) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && b.length() < max; i++) {
            char c = value.charAt(i);
            b.append(c >= 0x21 && c <= 0x7e ? c : '_');
        }
        return b.length() == 0 ? "-" : b.toString();
    }
}
