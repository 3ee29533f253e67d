package io.updraft.verifier.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Whether a delegation covers a target path: shell-style patterns where {@code *} and {@code ?} never match
 * {@code /} (TUF 1.0.29+), or SHA-256 path hash prefixes.
 */
final class PathPatterns {
    private PathPatterns() {
    }

    static boolean covers(Roles.Delegation delegation, String path) {
        if (!delegation.hashPrefixes().isEmpty()) {
            String hash = sha256(path);
            return delegation.hashPrefixes().stream().anyMatch(hash::startsWith);
        }
        return delegation.paths().stream().anyMatch(p -> matches(p, path));
    }

    static boolean matches(String pattern, String path) {
        String[] patternParts = pattern.split("/", -1);
        String[] pathParts = path.split("/", -1);
        if (patternParts.length != pathParts.length) {
            return false;
        }
        for (int i = 0; i < patternParts.length; i++) {
            if (!segment(patternParts[i], 0, pathParts[i], 0)) {
                return false;
            }
        }
        return true;
    }

    /** Glob match of one path segment: {@code *}, {@code ?}, {@code [abc]}/{@code [!a-z]} and literals. */
    private static boolean segment(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (segment(p, pi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length()) {
                return false;
            }
            if (c == '?') {
                pi++;
                si++;
            } else if (c == '[' && p.indexOf(']', pi + 2) > 0) {
                int end = p.indexOf(']', pi + 2);
                if (!inClass(p.substring(pi + 1, end), s.charAt(si))) {
                    return false;
                }
                pi = end + 1;
                si++;
            } else {
                if (c != s.charAt(si)) {
                    return false;
                }
                pi++;
                si++;
            }
        }
        return si == s.length();
    }

    private static boolean inClass(String cls, char ch) {
        boolean negate = cls.startsWith("!");
        String body = negate ? cls.substring(1) : cls;
        boolean found = false;
        for (int i = 0; i < body.length(); i++) {
            if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
                found |= ch >= body.charAt(i) && ch <= body.charAt(i + 2);
                i += 2;
            } else {
                found |= ch == body.charAt(i);
            }
        }
        return found != negate;
    }

    static String sha256(String path) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
