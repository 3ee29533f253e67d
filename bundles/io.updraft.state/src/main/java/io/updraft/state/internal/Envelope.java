package io.updraft.state.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Frames a payload with a one-line header {@code updraft-state 1 sha256=<hex> length=<n>} so that truncation and
 * bit flips are caught before the JSON parser sees the bytes; a JSON parser alone accepts many damaged files
 * (a flipped digit, a cut after a closing brace).
 */
final class Envelope {
    static final String MAGIC = "updraft-state";
    static final int FORMAT = 1;

    private static final Pattern HEADER = Pattern.compile(MAGIC + " (\\d+) sha256=([0-9a-f]{64}) length=(\\d{1,10})");
    // Generous bound so that a file without a newline is rejected without scanning all of it.
    private static final int MAX_HEADER = 160;

    private Envelope() {
    }

    static byte[] wrap(byte[] payload) {
        String header = MAGIC + " " + FORMAT + " sha256=" + sha256(payload) + " length=" + payload.length + "\n";
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + payload.length);
        System.arraycopy(payload, 0, all, head.length, payload.length);
        return all;
    }

    /** Returns the payload after checking header, length and checksum. */
    static byte[] unwrap(byte[] content) throws CorruptFileException {
        if (content.length == 0) {
            throw new CorruptFileException("file is empty");
        }
        int newline = -1;
        for (int i = 0; i < Math.min(content.length, MAX_HEADER); i++) {
            if (content[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 0) {
            throw new CorruptFileException("no '" + MAGIC + "' header line (file truncated or not a state file)");
        }
        String header = new String(content, 0, newline, StandardCharsets.US_ASCII);
        Matcher m = HEADER.matcher(header);
        if (!m.matches()) {
            throw new CorruptFileException("malformed header '" + printable(header) + "'");
        }
        if (Integer.parseInt(m.group(1)) != FORMAT) {
            throw new CorruptFileException("unsupported envelope format " + m.group(1));
        }
        long expected = Long.parseLong(m.group(3));
        int actual = content.length - newline - 1;
        if (actual < expected) {
            throw new CorruptFileException("truncated: header announces " + expected + " bytes, found " + actual);
        }
        if (actual > expected) {
            throw new CorruptFileException(
                    "trailing garbage: header announces " + expected + " bytes, found " + actual);
        }
        byte[] payload = Arrays.copyOfRange(content, newline + 1, content.length);
        String sum = sha256(payload);
        if (!sum.equals(m.group(2))) {
            throw new CorruptFileException("checksum mismatch: header says sha256 " + m.group(2) + ", content has " + sum);
        }
        return payload;
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
