package io.updraft.logforwarder.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The attribute names every outgoing record carries, and the clean-up of values parsed from JSON. */
final class Attributes {
    static final String RECORD_ID = "updraft.record.id";
    static final String STREAM = "updraft.stream";
    static final String SEQUENCE = "updraft.sequence";

    private Attributes() {
    }

    static void putRecord(Map<String, Object> attributes, String id, String stream, long sequence) {
        attributes.put(RECORD_ID, id);
        attributes.put(STREAM, stream);
        attributes.put(SEQUENCE, sequence);
    }

    /**
     * Adds the map's entries with dotted keys: nested maps become {@code outer.inner}; lists stay lists. Used for
     * event fields, so collectors can query {@code temperature.cpu} without knowing the nesting.
     */
    static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> nested) {
                flatten(key, nested, out);
            } else if (v != null) {
                out.put(key, clean(v));
            }
        });
    }

    /**
     * The value with numbers as Long or Double and nulls left out, as the wire encoders expect: Jackson reads
     * integers as Integer, Long or BigInteger and decimals as Double or BigDecimal.
     */
    static Object clean(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (v != null) {
                    out.put(String.valueOf(k), clean(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object v : l) {
                if (v != null) {
                    out.add(clean(v));
                }
            }
            return out;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof java.math.BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b.toString();
        }
        if (value instanceof Number n && !(value instanceof Long) && !(value instanceof Double)) {
            return n.doubleValue();
        }
        return value;
    }
}
