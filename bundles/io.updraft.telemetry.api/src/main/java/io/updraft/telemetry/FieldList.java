package io.updraft.telemetry;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The immutable, already validated list inside a {@link TelemetryEvent}'s fields; its own type for the same reason
 * as {@link FieldMap}.
 */
final class FieldList extends AbstractList<Object> implements RandomAccess {
    private final Object[] elements;
    private final int size;

    /** @param elements the first {@code size} are the list's; the array is not copied */
    FieldList(Object[] elements, int size) {
        this.elements = elements;
        this.size = size;
    }

    @Override
    public Object get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " of a list of " + size);
        }
        return elements[i];
    }

    @Override
    public int size() {
        return size;
    }
}
