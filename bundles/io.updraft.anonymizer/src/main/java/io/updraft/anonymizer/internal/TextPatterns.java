package io.updraft.anonymizer.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identifier patterns, compiled once. Each one is anchored by look-arounds so it does not start or end in
 * the middle of a longer token: an address inside a word, a number inside a version or path. Repetitions are
 * possessive where a match cannot be shortened usefully, to keep the cost linear on long lines.
 */
final class TextPatterns {
    static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+-])[\\w.%+-]++@(?:[A-Za-z0-9-]{1,63}\\.)+[A-Za-z]{2,24}(?![\\w-])");

    /** Six hex pairs with ':' or '-' (one kind), or Cisco's three dotted quads. */
    static final Pattern MAC = Pattern.compile("(?<![0-9A-Fa-f])(?:"
            + "[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\\1[0-9A-Fa-f]{2}){4}(?![0-9A-Fa-f]|[:-][0-9A-Fa-f])"
            + "|[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}(?![0-9A-Fa-f]|\\.[0-9A-Fa-f]))");

    /**
     * Twelve hex digits standing alone with at least one letter among them; twelve decimal digits are more
     * likely a count, and one starting with 0 is taken by the phone pattern anyway.
     */
    static final Pattern MAC_BARE = Pattern.compile(
            "(?<![\\w:.-])(?=[0-9]{0,11}[A-Fa-f])[0-9A-Fa-f]{12}(?![\\w:-]|\\.\\w)");

    /** A candidate only: confirmed by {@link IpAddresses#parseIpv6}, which rejects times like 12:30:45. */
    static final Pattern IPV6 = Pattern.compile("(?<![\\w.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)"
            + "[0-9A-Fa-f:]{2,39}(?:(?<=:)(?:\\d{1,3}\\.){3}\\d{1,3})?(?:%[\\w.-]{1,16})?(?![\\w:]|\\.\\d)");

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    /** Not inside a longer dotted run and not glued to a word: v1.2.3.4 and 1.2.3.4.5 are versions. */
    static final Pattern IPV4 = Pattern.compile(
            "(?<![\\w.])(?:" + OCTET + "\\.){3}" + OCTET + "(?![\\w]|\\.\\d)");

    /**
     * International (+ or 00), national with trunk prefix 0, with an area code in parentheses, and the
     * North American 555-123-4567; confirmed by a digit count of 7-15 and not being a date.
     */
    static final Pattern PHONE = Pattern.compile("(?<![\\w.+/-])(?:"
            + "(?:\\+|00)[1-9]\\d{0,3}+(?:[ .-]?+\\(?+\\d{1,5}+\\)?+){1,6}+"
            + "|\\(0?\\d{2,5}\\)[ .-]?+\\d{2,8}+(?:[ .-]?+\\d{2,8}+){0,3}+"
            + "|0\\d{1,5}+(?:[ ./-]?+\\d{2,8}+){1,4}+"
            + "|[2-9]\\d{2}[.-]\\d{3}[.-]\\d{4})"
            + "(?![\\w/:-]|[.,]\\d)");
    private static final Pattern DATE = Pattern.compile("\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}");

    /**
     * The user name in a home directory path; group 1 is the name. The home directory must be at the root
     * (or /var/home), so a folder named home deeper in a tree is not taken for one.
     */
    static final Pattern HOME_PATH = Pattern.compile(
            "(?:(?<![\\w.~-])/home/|/var/home/|(?<![\\w.~-])/Users/|(?<![\\w.~-])[A-Za-z]:\\\\Users\\\\)"
                    + "([^/\\\\\\s\"'<>:;,|*?()\\[\\]]+)");

    private TextPatterns() {
    }

    /** Whether a phone-pattern match is a plausible number rather than a date or a short code. */
    static boolean isPhone(Matcher m, String text) {
        int digits = 0;
        for (int i = m.start(); i < m.end(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        return digits >= 7 && digits <= 15 && !DATE.matcher(text).region(m.start(), m.end()).matches();
    }
}
