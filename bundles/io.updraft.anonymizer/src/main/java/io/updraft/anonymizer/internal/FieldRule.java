package io.updraft.anonymizer.internal;

import java.util.Comparator;

/**
 * A rule on a field, with the text it was written as for messages.
 *
 * @param target the field
 * @param action what becomes of its value
 * @param source the rule as configured
 */
record FieldRule(Target target, FieldAction action, String source) {
    /**
     * Which rule wins on a field several rules reach: the narrower scope, then the path with more named keys,
     * then the more protective action.
     */
    static final Comparator<FieldRule> PRECEDENCE = Comparator
            .<FieldRule>comparingInt(r -> r.target().scope().specificity())
            .thenComparingInt(r -> r.target().literalSegments())
            .thenComparingInt(r -> r.action().strength());
}
