package io.updraft.anonymizer.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a {@link Plan} to event fields. Copy on write: a map or list is copied only once something in it
 * changes, so an event with nothing to anonymize costs no allocation beyond the walk. A rule on a map or list
 * holds for everything below it unless a rule further down says otherwise.
 */
final class FieldWalker {
    private final boolean scanUnlisted;

    /** @param scanUnlisted whether strings no rule reaches are scrubbed like free text */
    FieldWalker(boolean scanUnlisted) {
        this.scanUnlisted = scanUnlisted;
    }

    /** The anonymized fields; the same instance when nothing changed. */
    @SuppressWarnings("unchecked")
    Map<String, Object> walkFields(Map<String, Object> fields, Node root, EventContext context) {
        Map<String, Object> out = (Map<String, Object>) walkMap(fields, root, null, context);
        // A user name seen in one field's home path may stand bare in another, earlier or later one.
        return context.users().isEmpty() ? out : (Map<String, Object>) replaceUsers(out, context);
    }

    private static Object replaceUsers(Object value, EventContext context) {
        if (value instanceof String s) {
            return context.replaceUsers(s);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object v : list) {
                out.add(replaceUsers(v, context));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(context.replaceUsers((String) e.getKey()), replaceUsers(e.getValue(), context));
            }
            return out;
        }
        return value;
    }

    private Object walk(Object value, Node node, FieldRule inherited, EventContext context) {
        FieldRule rule = node != null && node.rule != null ? node.rule : inherited;
        if (rule != null && rule.action().wholeValue()) {
            return rule.action().apply(value, context);
        }
        if (value instanceof Map<?, ?> map) {
            return walkMap(map, node, rule, context);
        }
        if (value instanceof List<?> list) {
            return walkList(list, node, rule, context);
        }
        if (rule != null) {
            return rule.action().apply(value, context);
        }
        return scanUnlisted && value instanceof String s ? context.scrub(s) : value;
    }

    private Object walkList(List<?> list, Node node, FieldRule rule, EventContext context) {
        List<Object> out = null;
        for (int i = 0, n = list.size(); i < n; i++) {
            Object v = list.get(i);
            Object nv = walk(v, node, rule, context);
            if (out == null && nv != v) {
                out = new ArrayList<>(n);
                out.addAll(list.subList(0, i));
            }
            if (out != null && nv != FieldAction.REMOVED) {
                out.add(nv);
            }
        }
        return out == null ? list : out;
    }

    private Object walkMap(Map<?, ?> map, Node node, FieldRule rule, EventContext context) {
        Map<String, Object> snapped = node != null && node.locations.length > 0 ? snap(map, node.locations) : null;
        boolean scrubKeys = rule == null ? scanUnlisted : rule.action().scrubsKeys();
        Map<String, Object> out = null;
        int index = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = (String) e.getKey();
            Object v = e.getValue();
            Object nv = snapped != null && snapped.containsKey(key) ? snapped.get(key) : v;
            if (nv != FieldAction.REMOVED) {
                nv = walk(nv, node == null ? null : node.child(key), rule, context);
            }
            String nk = scrubKeys ? context.scrub(key) : key;
            if (out == null && (nv != v || !nk.equals(key))) {
                out = copyOfFirst(map, index);
            }
            if (out != null && nv != FieldAction.REMOVED) {
                out.put(nk, nv);
            }
            index++;
        }
        return out == null ? map : out;
    }

    private static Map<String, Object> copyOfFirst(Map<?, ?> map, int count) {
        Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        for (int i = 0; i < count; i++) {
            Map.Entry<?, ?> e = it.next();
            out.put((String) e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * The snapped coordinates of each pair present. A pair that cannot be snapped (one half missing, not a
     * number, out of range) is removed, as even half a position narrows down where someone is.
     */
    private static Map<String, Object> snap(Map<?, ?> map, LocationRule[] rules) {
        Map<String, Object> out = null;
        for (LocationRule r : rules) {
            Object lat = map.get(r.latKey());
            Object lon = map.get(r.lonKey());
            if (lat == null && lon == null) {
                continue;
            }
            if (out == null) {
                out = new HashMap<>(4);
            }
            double[] cell = r.grid().snap(degrees(lat), degrees(lon));
            out.put(r.latKey(), cell == null ? FieldAction.REMOVED : (Object) cell[0]);
            out.put(r.lonKey(), cell == null ? FieldAction.REMOVED : (Object) cell[1]);
        }
        return out;
    }

    private static double degrees(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
