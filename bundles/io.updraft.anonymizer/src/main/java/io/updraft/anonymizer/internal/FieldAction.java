package io.updraft.anonymizer.internal;

/**
 * What a rule does to a field. Drop and redact take the whole value, maps and lists included; the others work
 * on each string, number or boolean below the field.
 */
interface FieldAction {
    /** Returned for a value that is to be removed from its map or list. */
    Object REMOVED = new Object();

    /** Which of two equally specific rules on one field wins: the higher, i.e. the more protective. */
    int strength();

    /** Whether the action replaces maps and lists as a whole rather than their leaves. */
    default boolean wholeValue() {
        return false;
    }

    /** Whether map keys under the field are searched for identifiers like free text. */
    default boolean scrubsKeys() {
        return true;
    }

    /** The new value of a leaf (or of the whole value when {@link #wholeValue()}), or {@link #REMOVED}. */
    Object apply(Object value, EventContext context);

    /** The rule kind as written in the configuration. */
    String kind();
}
