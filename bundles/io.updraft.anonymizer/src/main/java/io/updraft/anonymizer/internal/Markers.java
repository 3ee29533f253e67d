package io.updraft.anonymizer.internal;

/**
 * What stands in for a removed identifier. Brackets and letters only, so no detector run later on the same
 * text takes a marker for an identifier.
 */
final class Markers {
    static final String REDACTED = "[redacted]";
    static final String EMAIL = "[email]";
    static final String PHONE = "[phone]";
    static final String MAC = "[mac]";
    static final String IP = "[ip]";
    static final String SERIAL = "[serial]";
    static final String USER = "[user]";

    private Markers() {
    }

    /** {@code [email:ps-…]}: the kind of identifier with its pseudonym, when text pseudonyms are on. */
    static String withPseudonym(String marker, String pseudonym) {
        return marker.substring(0, marker.length() - 1) + ":" + pseudonym + "]";
    }
}
