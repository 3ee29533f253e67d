package io.updraft.telemetry.internal.store;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.updraft.telemetry.Category;

/**
 * How big and old segments and stored events may get.
 *
 * @param segmentMaxBytes a segment is sealed and a new one started before it would grow past this
 * @param segmentMaxAge a segment is sealed once it has been written to for this long, so age retention can drop it
 * @param maxAge per category: segments whose newest event is older are deleted
 * @param maxBytes per category: the oldest segments are deleted while the category takes more
 */
public record StoreLimits(long segmentMaxBytes, Duration segmentMaxAge, Map<Category, Duration> maxAge,
        Map<Category, Long> maxBytes) {

    public StoreLimits {
        if (segmentMaxBytes < RecordFormat.HEADER + 64) {
            throw new IllegalArgumentException("segment size " + segmentMaxBytes + " bytes is too small");
        }
        if (segmentMaxAge.isNegative() || segmentMaxAge.isZero()) {
            throw new IllegalArgumentException("segment age " + segmentMaxAge + " must be positive");
        }
        maxAge = new EnumMap<>(maxAge);
        maxBytes = new EnumMap<>(maxBytes);
        for (Category c : Category.values()) {
            Duration age = Objects.requireNonNull(maxAge.get(c), () -> "no retention age for " + c.id());
            Long size = Objects.requireNonNull(maxBytes.get(c), () -> "no retention size for " + c.id());
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("retention age " + age + " of " + c.id() + " must be positive");
            }
            if (size < segmentMaxBytes) {
                throw new IllegalArgumentException("retention size " + size + " bytes of " + c.id()
                        + " is below the segment size " + segmentMaxBytes + "; raise it or lower segmentMaxBytes");
            }
        }
        maxAge = Map.copyOf(maxAge);
        maxBytes = Map.copyOf(maxBytes);
    }
}
