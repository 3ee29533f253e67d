package io.updraft.anonymizer.internal;

import java.util.Locale;

/** The canonical spelling of an identifier, so that its spellings share one pseudonym. */
final class Identifiers {
    private Identifiers() {
    }

    /**
     * Trimmed and lower-case; a MAC address in any of its spellings (colons, dashes, Cisco dots, none) becomes
     * its twelve hex digits.
     */
    static String canonical(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        String mac = macDigits(v);
        return mac != null ? mac : v;
    }

    /** The twelve lower-case hex digits of a MAC address written in one of the usual ways, else null. */
    static String macDigits(String v) {
        int len = v.length();
        if (len != 12 && len != 14 && len != 17) {
            return null;
        }
        StringBuilder digits = new StringBuilder(12);
        for (int i = 0; i < len; i++) {
            char c = v.charAt(i);
            boolean separatorPlace = len == 17 ? i % 3 == 2 : len == 14 && i % 5 == 4;
            if (separatorPlace) {
                char expected = len == 14 ? '.' : v.charAt(2);
                if (c != expected || (len == 17 && c != ':' && c != '-')) {
                    return null;
                }
            } else if (Character.digit(c, 16) >= 0) {
                digits.append(Character.toLowerCase(c));
            } else {
                return null;
            }
        }
        return digits.toString();
    }
}
