package io.updraft.logforwarder.internal;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.Test;

public class SyslogFormatTest {
    private static Outgoing record(String id, Level level, String text) {
        return new Outgoing(id, "log", 7, Instant.parse("2025-03-01T10:00:00.123456789Z"), level, text, "", Map.of(),
                text);
    }

    @Test
    public void laysOutRfc5424WithStructuredDataAndMicroseconds() {
        SyslogFormat f = new SyslogFormat(16, "dev-1", "updraft", 42, 32473);
        assertEquals("<132>1 2025-03-01T10:00:00.123456Z dev-1 updraft 42 log [updraft@32473 id=\"s/log/7\" "
                + "stream=\"log\" seq=\"7\"] disk low", f.message(record("s/log/7", Level.WARN, "disk low")));
    }

    @Test
    public void escapesParamValuesAndUsesTheConfiguredEnterpriseNumber() {
        SyslogFormat f = new SyslogFormat(1, "h", "a", 1, 99999);
        assertEquals("<11>1 2025-03-01T10:00:00.123456Z h a 1 log [updraft@99999 id=\"a\\\"b\\\\c\\]d\" stream=\"log\" "
                + "seq=\"7\"] x", f.message(record("a\"b\\c]d", Level.ERROR, "x")));
    }

    @Test
    public void framesByOctetCountOfTheUtf8Bytes() {
        SyslogFormat f = new SyslogFormat(16, "h", "a", 1, 1);
        Outgoing o = record("i", Level.INFO, "ü\nzweite Zeile");
        byte[] msg = f.message(o).getBytes(StandardCharsets.UTF_8);
        assertEquals(msg.length + " " + f.message(o), new String(f.frame(o), StandardCharsets.UTF_8));
    }

    @Test
    public void headerFieldsAreCutAndCleaned() {
        assertEquals("-", SyslogFormat.header("", 5));
        assertEquals("a_b", SyslogFormat.header("a b", 5));
        assertEquals("telemetry.abcdefghijklmnopqrstuv", SyslogFormat.header("telemetry.abcdefghijklmnopqrstuvwxyz", 32));
    }
}
