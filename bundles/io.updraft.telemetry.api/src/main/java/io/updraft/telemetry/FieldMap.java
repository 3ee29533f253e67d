package io.updraft.telemetry;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The immutable, already validated field map of a {@link TelemetryEvent}, in insertion order. It is a type of its
 * own so that an event made from another event's fields (a stored copy, an anonymized copy that kept most fields)
 * can skip the deep copy: nothing else can create one, so its contents are known to be valid and frozen. Entries
 * are held in arrays, which takes a third of the memory of a linked hash map for the handful of fields an event
 * usually has; larger maps get a hash index for lookups.
 */
final class FieldMap extends AbstractMap<String, Object> {
    static final FieldMap EMPTY = new FieldMap(new Entry[0], 0);
    /** Up to this many keys a lookup compares them in order, which is faster than hashing for short maps. */
    private static final int LINEAR_LOOKUP = 8;

    private final Entry[] entries;
    private final int size;
    private final Map<String, Integer> index;
    private Set<Map.Entry<String, Object>> entrySet;

    /** @param entries the first {@code size} are the map's, with distinct keys; the array is not copied */
    FieldMap(Entry[] entries, int size) {
        this.entries = entries;
        this.size = size;
        if (size > LINEAR_LOOKUP) {
            index = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                index.put(entries[i].getKey(), i);
            }
        } else {
            index = null;
        }
    }

    /** One field; immutable like the map. */
    static final class Entry extends AbstractMap.SimpleImmutableEntry<String, Object> {
        private static final long serialVersionUID = 1L;

        Entry(String key, Object value) {
            super(key, value);
        }
    }

    private int indexOf(Object key) {
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < size; i++) {
            if (entries[i].getKey().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : entries[i].getValue();
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept(entries[i].getKey(), entries[i].getValue());
        }
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        Set<Map.Entry<String, Object>> es = entrySet;
        if (es == null) {
            es = new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Map.Entry<String, Object> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            return entries[next++];
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
            entrySet = es;
        }
        return es;
    }
}
