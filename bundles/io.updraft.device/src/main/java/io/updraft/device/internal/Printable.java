package io.updraft.device.internal;

/** Makes text read from firmware safe to show in shells, logs and JSON: printable, trimmed and bounded. */
final class Printable {
    static final int MAX_LENGTH = 128;

    private Printable() {
    }

    /** Whitespace becomes a space, other non-printable characters are dropped; trimmed, at most 128 code points. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                out.append(' ');
            } else if (isPrintable(cp)) {
                out.appendCodePoint(cp);
            }
        });
        String trimmed = out.toString().trim();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
            trimmed = trimmed.substring(0, trimmed.offsetByCodePoints(0, MAX_LENGTH)).trim();
        }
        return trimmed;
    }

    private static boolean isPrintable(int cp) {
        // U+FFFD is what undecodable firmware bytes turn into; it carries no information.
        if (cp == 0xFFFD) {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE,
                    Character.PRIVATE_USE -> false;
            default -> true;
        };
    }
}
