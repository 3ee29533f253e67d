package io.updraft.health.internal;

import java.util.ArrayList;
import java.util.List;

/** HTTP status codes a check accepts, written as {@code 200}, {@code 200-299} or lists such as {@code 200,204}. */
final class StatusRanges {
    private final List<int[]> ranges;
    private final String text;

    private StatusRanges(List<int[]> ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    static StatusRanges parse(String check, String text) {
        List<int[]> ranges = new ArrayList<>();
        String value = text == null ? "" : text.strip();
        for (String part : value.split(",")) {
            String p = part.strip();
            int dash = p.indexOf('-');
            int low = code(check, value, dash < 0 ? p : p.substring(0, dash));
            int high = dash < 0 ? low : code(check, value, p.substring(dash + 1));
            if (high < low) {
                throw new IllegalArgumentException("health check " + check + ": expectStatus '" + value
                        + "' has the range " + p + " upside down");
            }
            ranges.add(new int[] {low, high});
        }
        return new StatusRanges(List.copyOf(ranges), value);
    }

    boolean contains(int status) {
        return ranges.stream().anyMatch(r -> status >= r[0] && status <= r[1]);
    }

    @Override
    public String toString() {
        return text;
    }

    private static int code(String check, String value, String s) {
        try {
            int c = Integer.parseInt(s.strip());
            if (c >= 100 && c <= 599) {
                return c;
            }
        } catch (NumberFormatException e) {
            // Reported below with the whole value.
        }
        throw new IllegalArgumentException("health check " + check + ": expectStatus '" + value
                + "' must list HTTP status codes (100-599) or ranges, e.g. 200, 200-299 or 200,204");
    }
}
