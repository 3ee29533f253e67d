package io.updraft.downloader.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The running digests of one download, one per supported algorithm of the request. They are the JDK's digests,
 * which use the CPU's SHA instructions; their state cannot be saved, so after a restart {@link PartialFile} hashes
 * the kept data again from disk once.
 */
final class Hashes {
    private final Map<String, MessageDigest> digests;

    private Hashes(Map<String, MessageDigest> digests) {
        this.digests = digests;
    }

    static boolean supports(String algorithm) {
        return jdkName(algorithm) != null;
    }

    private static String jdkName(String algorithm) {
        return switch (algorithm) {
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> null;
        };
    }

    /** Fresh digests for the supported algorithms among {@code algorithms}. */
    static Hashes fresh(Iterable<String> algorithms) {
        Map<String, MessageDigest> d = new TreeMap<>();
        for (String a : algorithms) {
            String name = jdkName(a);
            if (name != null) {
                try {
                    d.put(a, MessageDigest.getInstance(name));
                } catch (NoSuchAlgorithmException e) {
                    // Every Java platform must provide SHA-256, SHA-384 and SHA-512.
                    throw new IllegalStateException("the JDK lacks " + name, e);
                }
            }
        }
        return new Hashes(d);
    }

    Set<String> algorithms() {
        return digests.keySet();
    }

    boolean isEmpty() {
        return digests.isEmpty();
    }

    void update(byte[] data, int offset, int length) {
        for (MessageDigest d : digests.values()) {
            d.update(data, offset, length);
        }
    }

    /** Hashes the remaining bytes of {@code data}; its position is left unchanged. */
    void update(ByteBuffer data) {
        for (MessageDigest d : digests.values()) {
            d.update(data.duplicate());
        }
    }

    /**
     * Finishes every digest and compares it with the expected value.
     *
     * @return a description of every mismatch, empty if all match
     */
    String mismatches(Map<String, String> expected) {
        Map<String, String> bad = new LinkedHashMap<>();
        digests.forEach((a, d) -> {
            String want = expected.get(a).toLowerCase(Locale.ROOT);
            String got = HexFormat.of().formatHex(d.digest());
            // Constant-time, out of habit: the expected value is public, but nothing is lost.
            if (!MessageDigest.isEqual(got.getBytes(), want.getBytes())) {
                bad.put(a, "expected " + want + ", got " + got);
            }
        });
        return bad.isEmpty() ? "" : bad.toString();
    }
}
