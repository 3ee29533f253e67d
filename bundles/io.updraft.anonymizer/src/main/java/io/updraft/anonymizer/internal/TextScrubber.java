package io.updraft.anonymizer.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds identifiers in free text and replaces them with markers, pseudonyms or truncated addresses. One cheap
 * pass over the characters decides which detectors can possibly match, so text without '@', digit runs, colons
 * or home paths costs no regular expression at all. The detectors run in an order where an earlier one cannot
 * leave a fragment a later one mistakes: e-mail before phone (digits in the local part), MAC before IPv6.
 */
final class TextScrubber {
    private static final int MIN_WORD_NAME = 3;
    private final Set<Detector> detectors;
    private final List<SerialPattern> serials;
    private final boolean truncateIps;
    private final boolean pseudonyms;
    private final int v4Prefix;
    private final int v6Prefix;

    TextScrubber(Set<Detector> detectors, List<SerialPattern> serials, boolean truncateIps, boolean pseudonyms,
            int v4Prefix, int v6Prefix) {
        this.detectors = detectors.isEmpty() ? EnumSet.noneOf(Detector.class) : EnumSet.copyOf(detectors);
        this.serials = detectors.contains(Detector.SERIAL) ? List.copyOf(serials) : List.of();
        this.truncateIps = truncateIps;
        this.pseudonyms = pseudonyms;
        this.v4Prefix = v4Prefix;
        this.v6Prefix = v6Prefix;
    }

    /** The text with every identifier found replaced; the same instance when there was none. */
    String scrub(String text, EventContext context) {
        int n = text.length();
        int colons = 0;
        int dashes = 0;
        int dottedDigits = 0;
        int digits = 0;
        int hexRun = 0;
        int maxHexRun = 0;
        boolean at = false;
        boolean slash = false;
        boolean doubleColon = false;
        boolean ciscoDot = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                hexRun++;
            } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                hexRun++;
            } else {
                maxHexRun = Math.max(maxHexRun, hexRun);
                switch (c) {
                    case ':' -> {
                        colons++;
                        doubleColon |= i + 1 < n && text.charAt(i + 1) == ':';
                    }
                    case '-' -> dashes++;
                    case '.' -> {
                        ciscoDot |= hexRun == 4;
                        if (hexRun > 0 && i + 1 < n && isDigit(text.charAt(i + 1)) && isDigit(text.charAt(i - 1))) {
                            dottedDigits++;
                        }
                    }
                    case '@' -> at = true;
                    case '/', '\\' -> slash = true;
                    default -> {
                    }
                }
                hexRun = 0;
            }
        }
        maxHexRun = Math.max(maxHexRun, hexRun);
        // What each detector needs at the least: a MAC six pairs or three dotted quads or twelve hex digits, an
        // IPv6 address '::' or seven colons (six before an IPv4 tail), an IPv4 address three digit-dot-digit.
        boolean macLike = colons >= 5 || dashes >= 5 || ciscoDot || maxHexRun >= 12;
        boolean ipv6Like = doubleColon || colons >= 6;
        boolean ipv4Like = dottedDigits >= 3;
        if (!at && !slash && digits == 0 && !macLike && !ipv6Like) {
            return text;
        }
        String s = text;
        if (at && detectors.contains(Detector.EMAIL)) {
            s = replace(TextPatterns.EMAIL, s, m -> mark(Markers.EMAIL, m.group(), context));
        }
        if (slash && detectors.contains(Detector.HOME_PATH) && hasHomePath(s)) {
            s = homePaths(s, context);
        }
        if (digits > 0 && !serials.isEmpty()) {
            for (SerialPattern serial : serials) {
                s = serials(serial, s, context);
            }
        }
        if (macLike && detectors.contains(Detector.MAC)) {
            if (colons >= 5 || dashes >= 5 || ciscoDot) {
                s = replace(TextPatterns.MAC, s, m -> mark(Markers.MAC, m.group(), context));
            }
            if (maxHexRun >= 12) {
                s = replace(TextPatterns.MAC_BARE, s, m -> mark(Markers.MAC, m.group(), context));
            }
        }
        if (detectors.contains(Detector.IP)) {
            if (ipv6Like) {
                s = replace(TextPatterns.IPV6, s, m -> ip(m.group()));
            }
            if (ipv4Like) {
                s = replace(TextPatterns.IPV4, s, m -> ip(m.group()));
            }
        }
        if (digits >= 7 && detectors.contains(Detector.PHONE)) {
            String current = s;
            s = replace(TextPatterns.PHONE, s,
                    m -> TextPatterns.isPhone(m, current) ? mark(Markers.PHONE, m.group(), context) : null);
        }
        return s;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hasHomePath(String s) {
        return s.contains("/home/") || s.contains("/Users/") || s.contains("\\Users\\");
    }

    /**
     * Replaces user names in home paths and tells {@code context} the names, so they are replaced wherever else
     * they stand as a word in the event (see {@link #replaceUsers}).
     */
    private String homePaths(String s, EventContext context) {
        return replace(TextPatterns.HOME_PATH, s, m -> {
            String user = m.group(1);
            context.foundUser(user);
            return s.substring(m.start(), m.start(1)) + mark(Markers.USER, user, context);
        });
    }

    /**
     * {@code s} with each of {@code users} replaced where it stands as a word; names shorter than three
     * characters are left, as outside a path they are too easily an ordinary word.
     */
    String replaceUsers(String s, List<String> users, EventContext context) {
        String out = s;
        for (String user : users) {
            if (user.length() >= MIN_WORD_NAME && out.contains(user)) {
                out = replaceWord(out, user, mark(Markers.USER, user, context));
            }
        }
        return out;
    }

    private static String replaceWord(String s, String word, String replacement) {
        StringBuilder sb = null;
        int last = 0;
        for (int i = s.indexOf(word); i >= 0; i = s.indexOf(word, i + word.length())) {
            boolean startsWord = i == 0 || !isWordChar(s.charAt(i - 1));
            int end = i + word.length();
            boolean endsWord = end == s.length() || !isWordChar(s.charAt(end));
            if (startsWord && endsWord) {
                if (sb == null) {
                    sb = new StringBuilder(s.length());
                }
                sb.append(s, last, i).append(replacement);
                last = end;
            }
        }
        return sb == null ? s : sb.append(s, last, s.length()).toString();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    private String serials(SerialPattern serial, String s, EventContext context) {
        return replace(serial.pattern(), s, m -> {
            int from = serial.idStart(m);
            int to = serial.idEnd(m);
            if (from < 0) {
                return null;
            }
            String id = s.substring(from, to);
            return s.substring(m.start(), from) + mark(Markers.SERIAL, id, context) + s.substring(to, m.end());
        });
    }

    private String ip(String address) {
        String network = IpAddresses.truncate(address, v4Prefix, v6Prefix);
        return network == null ? null : truncateIps ? network : Markers.IP;
    }

    private String mark(String marker, String value, EventContext context) {
        return pseudonyms ? Markers.withPseudonym(marker, context.pseudonym(Identifiers.canonical(value))) : marker;
    }

    /** What stands in for a match, or null to leave it. */
    interface Replacement {
        String of(Matcher m);
    }

    /** Like {@link Matcher#replaceAll}, but a replacement may decline, and no copy is made without a match. */
    static String replace(Pattern pattern, String s, Replacement replacement) {
        Matcher m = pattern.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder sb = null;
        int last = 0;
        do {
            String r = replacement.of(m);
            if (r != null) {
                if (sb == null) {
                    sb = new StringBuilder(s.length());
                }
                sb.append(s, last, m.start()).append(r);
                last = m.end();
            }
        } while (m.find());
        return sb == null ? s : sb.append(s, last, s.length()).toString();
    }
}
