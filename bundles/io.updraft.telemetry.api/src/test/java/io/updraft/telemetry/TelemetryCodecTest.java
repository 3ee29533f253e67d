package io.updraft.telemetry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class TelemetryCodecTest {
    private final TelemetryCodec codec = new TelemetryCodec();

    @Test
    public void roundTripKeepsEveryFieldTypeAndOrder() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("z", "text with \"quotes\" and ünïcode");
        fields.put("a", 42L);
        fields.put("d", 0.25);
        fields.put("b", true);
        fields.put("nested", Map.of("list", List.of(1L, "two", Map.of("k", false))));
        TelemetryEvent e = new TelemetryEvent("7c1d", 9, Instant.parse("2026-11-23T10:15:30.123Z"), "updraft.test", 2,
                Category.OTA, "sample", fields);
        byte[] bytes = codec.encode(e);
        TelemetryEvent back = codec.decode(bytes);
        assertEquals(e, back);
        assertEquals(List.of("z", "a", "d", "b", "nested"), List.copyOf(back.fields().keySet()));
        assertTrue(new String(bytes, StandardCharsets.UTF_8).startsWith("{\"f\":1,\"id\":\"7c1d\",\"seq\":9,"));
    }

    @Test
    public void refusesOtherFormatsAndBrokenRecords() {
        byte[] v2 = "{\"f\":2,\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> codec.decode(v2)).getMessage().contains("2"));
        byte[] notJson = "{\"f\":1,".getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> codec.decode(notJson)).getMessage()
                .contains("not JSON"));
        byte[] badCategory = ("{\"f\":1,\"id\":\"x\",\"seq\":1,\"ts\":\"2026-01-01T00:00:00Z\",\"schema\":\"s\",\"v\":1,"
                + "\"cat\":\"nope\",\"type\":\"t\",\"fields\":{}}").getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> codec.decode(badCategory)).getMessage()
                .contains("nope"));
    }
}
