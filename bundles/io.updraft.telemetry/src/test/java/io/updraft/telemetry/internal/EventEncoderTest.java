package io.updraft.telemetry.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryCodec;
import io.updraft.telemetry.TelemetryEvent;

public class EventEncoderTest {
    private final TelemetryCodec codec = new TelemetryCodec();
    private final EventEncoder encoder = new EventEncoder();

    private static TelemetryEvent event(long seq, String time, Map<String, Object> fields) {
        return new TelemetryEvent("4f1c2a3e-0000-4000-8000-" + String.format("%012d", seq), seq, Instant.parse(time),
                "updraft.metric.cpu", 1, Category.PERFORMANCE, "sample", fields);
    }

    @Test
    public void writesTheSameBytesAsTheCodecOneEventAfterAnother() {
        String[] times = {"2026-05-01T00:00:00Z", "2026-05-01T00:00:00.120Z", "2026-05-01T00:00:00.000120Z",
            "2026-05-01T00:00:00.000000120Z", "2026-05-01T00:00:01.5Z", "1969-12-31T23:59:59.999999999Z",
            "+12026-05-01T00:00:00.001Z", "0001-01-01T00:00:00.100200300Z", "2026-05-01T00:00:00.123456789Z"};
        for (int i = 0; i < times.length; i++) {
            TelemetryEvent e = event(i + 1, times[i], Map.of("busy", 37.5 + i, "cores", (long) i, "zone", "cpu" + i,
                    "quote", "a \"b\"\n\u00e9\u2603\ud83d\ude00", "nested", Map.of("list", List.of(true, 1L, "x")),
                    "empty", Map.of()));
            byte[] bytes = encoder.encode(e);
            assertArrayEquals(times[i], codec.encode(e), bytes);
            assertEquals(e, codec.decode(bytes));
        }
    }

    @Test
    public void aLargeEventBetweenSmallOnesIsEncodedWholeAndTheNextStartsClean() {
        TelemetryEvent small = event(1, "2026-05-01T00:00:00Z", Map.of("n", 1L));
        TelemetryEvent large = event(2, "2026-05-01T00:00:00.001Z", Map.of("text", "y".repeat(200_000)));
        TelemetryEvent after = event(3, "2026-05-01T00:00:00.002Z", Map.of("n", 3L));
        for (TelemetryEvent e : List.of(small, large, after, large, small)) {
            assertArrayEquals(codec.encode(e), encoder.encode(e));
        }
    }
}
