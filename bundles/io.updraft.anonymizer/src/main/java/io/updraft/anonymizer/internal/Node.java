package io.updraft.anonymizer.internal;

import java.util.Map;

/**
 * One position in the field tree of a {@link Plan}. Wildcards are resolved when the plan is made, so a key
 * leads to exactly one child and walking an event never compares more than one path.
 */
final class Node {
    private final Map<String, Node> children;
    private final Node other;
    final FieldRule rule;
    final LocationRule[] locations;

    /**
     * @param children the child for each named key
     * @param other the child for any other key, or null
     * @param rule the rule on this field, or null
     * @param locations coordinate pairs in the map at this field
     */
    Node(Map<String, Node> children, Node other, FieldRule rule, LocationRule[] locations) {
        this.children = Map.copyOf(children);
        this.other = other;
        this.rule = rule;
        this.locations = locations;
    }

    /** The node for {@code key} below this one, or null when no rule reaches it. */
    Node child(String key) {
        Node n = children.get(key);
        return n != null ? n : other;
    }
}
