package io.updraft.telemetry.internal.store;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryEvent;

public class RecordEncoderTest {
    private final EventCodec codec = new EventCodec();
    private final RecordEncoder encoder = new RecordEncoder(codec);

    private static TelemetryEvent event(long seq, String time, Map<String, Object> fields) {
        return new TelemetryEvent("4f1c2a3e-0000-4000-8000-" + String.format("%012d", seq), seq, Instant.parse(time),
                "updraft.metric.cpu", 1, Category.PERFORMANCE, "sample", fields);
    }

    private byte[] encoded(TelemetryEvent e) {
        ByteBuffer b = encoder.encode(e);
        return Arrays.copyOfRange(b.array(), b.position(), b.limit());
    }

    @Test
    public void writesTheSameBytesAsTheCodecFramedOneByOne() {
        List<TelemetryEvent> events = new ArrayList<>();
        String[] times = {"2026-05-01T00:00:00Z", "2026-05-01T00:00:00.120Z", "2026-05-01T00:00:00.000120Z",
            "2026-05-01T00:00:00.000000120Z", "2026-05-01T00:00:01.5Z", "1969-12-31T23:59:59.999999999Z",
            "+12026-05-01T00:00:00.001Z", "0001-01-01T00:00:00.100200300Z", "2026-05-01T00:00:00.123456789Z"};
        for (int i = 0; i < times.length; i++) {
            events.add(event(i + 1, times[i], Map.of("busy", 37.5 + i, "cores", (long) i, "zone", "cpu" + i,
                    "quote", "a \"b\"\n\u00e9\u2603\ud83d\ude00", "nested", Map.of("list", List.of(true, 1L, "x")),
                    "empty", Map.of())));
        }
        for (TelemetryEvent e : events) {
            assertArrayEquals(RecordFormat.frame(codec.encode(e)).array(), encoded(e));
        }
    }

    @Test
    public void refusesAnOversizedRecordAndThenEncodesTheNextOneWhole() {
        TelemetryEvent big = event(1, "2026-05-01T00:00:00Z", Map.of("text", "x".repeat(RecordFormat.MAX_PAYLOAD)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encoder.encode(big));
        assertEquals(true, e.getMessage().contains("outside 1-" + RecordFormat.MAX_PAYLOAD));
        TelemetryEvent next = event(2, "2026-05-01T00:00:00.5Z", Map.of("n", 2L));
        byte[] record = encoded(next);
        assertArrayEquals(RecordFormat.frame(codec.encode(next)).array(), record);
        assertEquals(next, codec.decode(record, RecordFormat.HEADER, record.length - RecordFormat.HEADER));
    }
}
