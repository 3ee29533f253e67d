package io.updraft.anonymizer.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Generalizes a number into the range of width {@code width} that holds it. With a whole width the range is
 * written by whole parts, both ends included: 34 and 39.5 become {@code "30-39"} for width 10. With a fractional
 * width it is written {@code "36.5-37.0"}, from 36.5 up to but not including 37.0. The format depends on the
 * width only, so equal ranges group together whatever the type of the value. A value that is not a number is
 * redacted, as its shape is unknown.
 */
record BucketAction(BigDecimal width) implements FieldAction {

    /** @throws IllegalArgumentException naming the text when it is not a positive number */
    static BucketAction parse(String text) {
        BigDecimal w;
        try {
            w = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bucket width '" + text + "' is not a number", e);
        }
        if (w.signum() <= 0) {
            throw new IllegalArgumentException("bucket width '" + text + "' must be greater than 0");
        }
        return new BucketAction(w.stripTrailingZeros());
    }

    @Override
    public Object apply(Object value, EventContext context) {
        if (value instanceof Long l && isWhole()) {
            long w = width.longValueExact();
            long low = Math.floorDiv(l, w) * w;
            return low + "-" + (low + w - 1);
        }
        BigDecimal v;
        if (value instanceof Long l) {
            v = BigDecimal.valueOf(l);
        } else if (value instanceof Double d && Double.isFinite(d)) {
            v = BigDecimal.valueOf(d);
        } else if (value instanceof String s) {
            try {
                v = new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return Markers.REDACTED;
            }
        } else {
            return Markers.REDACTED;
        }
        BigDecimal low = v.divide(width, 0, RoundingMode.FLOOR).multiply(width);
        if (isWhole()) {
            return low.toPlainString() + "-" + low.add(width).subtract(BigDecimal.ONE).toPlainString();
        }
        int scale = Math.max(1, width.scale());
        return low.setScale(scale, RoundingMode.UNNECESSARY).toPlainString() + "-"
                + low.add(width).setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
    }

    private boolean isWhole() {
        return width.scale() <= 0 && width.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
    }

    @Override
    public int strength() {
        return 4;
    }

    @Override
    public String kind() {
        return "bucket";
    }
}
