package io.updraft.anonymizer.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.updraft.telemetry.Category;

/**
 * The rules that apply to events of one category and schema, as a tree over field paths. Made once per
 * category and schema and cached, so the cost of scopes and wildcards is paid once, not per event.
 *
 * @param dropEvent whether such events are dropped whole
 * @param root the tree, or null when no field rule applies
 */
record Plan(boolean dropEvent, Node root) {

    static Plan of(RuleSet rules, Category category, String schema) {
        for (Scope s : rules.droppedEvents()) {
            if (s.applies(category, schema)) {
                return new Plan(true, null);
            }
        }
        Trie trie = new Trie();
        for (FieldRule r : rules.fields()) {
            if (r.target().scope().applies(category, schema)) {
                trie.at(r.target().path()).rules.add(r);
            }
        }
        for (LocationRule r : rules.locations()) {
            if (r.scope().applies(category, schema)) {
                trie.at(r.parent()).locations.add(r);
            }
        }
        return new Plan(false, compile(List.of(trie)));
    }

    /** The rules as written, wildcards still apart. */
    private static final class Trie {
        final Map<String, Trie> children = new LinkedHashMap<>();
        Trie any;
        final List<FieldRule> rules = new ArrayList<>();
        final List<LocationRule> locations = new ArrayList<>();

        Trie at(List<String> path) {
            Trie t = this;
            for (String segment : path) {
                if (segment.equals(Target.ANY_KEY)) {
                    if (t.any == null) {
                        t.any = new Trie();
                    }
                    t = t.any;
                } else {
                    t = t.children.computeIfAbsent(segment, k -> new Trie());
                }
            }
            return t;
        }
    }

    /**
     * One node for all trie positions a concrete path reaches at once: a named key reaches its own child and
     * the '*' children of every position, so their rules meet in one node and the best one is chosen here.
     */
    private static Node compile(List<Trie> positions) {
        if (positions.isEmpty()) {
            return null;
        }
        FieldRule best = null;
        List<LocationRule> locations = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        List<Trie> any = new ArrayList<>();
        for (Trie t : positions) {
            for (FieldRule r : t.rules) {
                if (best == null || FieldRule.PRECEDENCE.compare(r, best) > 0) {
                    best = r;
                }
            }
            for (LocationRule r : t.locations) {
                addLocation(locations, r);
            }
            keys.addAll(t.children.keySet());
            if (t.any != null) {
                any.add(t.any);
            }
        }
        Map<String, Node> children = new LinkedHashMap<>();
        for (String key : keys) {
            List<Trie> next = new ArrayList<>(any);
            for (Trie t : positions) {
                Trie c = t.children.get(key);
                if (c != null) {
                    next.add(c);
                }
            }
            children.put(key, compile(next));
        }
        return new Node(children, compile(any), best, locations.toArray(new LocationRule[0]));
    }

    private static void addLocation(List<LocationRule> locations, LocationRule rule) {
        for (int i = 0; i < locations.size(); i++) {
            LocationRule existing = locations.get(i);
            if (existing.sameFields(rule)) {
                if (rule.beats(existing)) {
                    locations.set(i, rule);
                }
                return;
            }
        }
        locations.add(rule);
    }
}
