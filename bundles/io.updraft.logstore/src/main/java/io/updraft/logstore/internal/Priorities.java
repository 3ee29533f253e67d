package io.updraft.logstore.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.updraft.logstore.LogStore;
import io.updraft.config.Units;

/**
 * Which streams' data the store gives up first when it is over its quota or short of disk space: lowest priority
 * first, given as {@code pattern=priority} (0-100) with the most specific pattern winning ({@link StreamPattern}).
 * Streams no pattern matches have {@link #DEFAULT}. The drops stream is always kept longest: it is how a reader
 * learns that something was dropped.
 */
final class Priorities {
    static final int DEFAULT = 30;
    static final int MAX = 100;
    /** Above every configurable priority. */
    static final int DROPS = MAX + 1;

    private record Rule(StreamPattern pattern, int priority) {
    }

    private final List<Rule> rules;

    private Priorities(List<Rule> rules) {
        this.rules = rules;
    }

    /** @throws IllegalArgumentException naming the bad item */
    static Priorities parse(String[] values) {
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, String> e : Units.pairs(values, "priorities").entrySet()) {
            StreamPattern p = StreamPattern.parse(e.getKey(), "priorities");
            int priority;
            try {
                priority = Integer.parseInt(e.getValue());
            } catch (NumberFormatException ex) {
                priority = -1;
            }
            if (priority < 0 || priority > MAX) {
                throw new IllegalArgumentException("priorities " + p + " '" + e.getValue() + "' is not a number "
                        + "from 0 to " + MAX);
            }
            rules.add(new Rule(p, priority));
        }
        return new Priorities(List.copyOf(rules));
    }

    int of(String stream) {
        if (LogStore.DROPS_STREAM.equals(stream)) {
            return DROPS;
        }
        int best = -1;
        int priority = DEFAULT;
        for (Rule r : rules) {
            int rank = r.pattern().specificity(stream);
            if (rank > best) {
                best = rank;
                priority = r.priority();
            }
        }
        return priority;
    }
}
