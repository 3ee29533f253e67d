package io.updraft.downloader.internal;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.bouncycastle.crypto.digests.EncodableDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.ExtendedDigest;

/**
 * The running digests of one download, one per supported algorithm of the request. Their state can be saved at a
 * checkpoint and restored after a restart, so the data is hashed exactly once in the same pass that writes it.
 */
final class Hashes {
    private final Map<String, ExtendedDigest> digests;

    private Hashes(Map<String, ExtendedDigest> digests) {
        this.digests = digests;
    }

    static boolean supports(String algorithm) {
        return switch (algorithm) {
            case "sha256", "sha384", "sha512" -> true;
            default -> false;
        };
    }

    /** Fresh digests for the supported algorithms among {@code algorithms}. */
    static Hashes fresh(Iterable<String> algorithms) {
        Map<String, ExtendedDigest> d = new TreeMap<>();
        for (String a : algorithms) {
            if (supports(a)) {
                d.put(a, create(a, null));
            }
        }
        return new Hashes(d);
    }

    /**
     * Digests continued from saved states.
     *
     * @throws IllegalArgumentException if a state is not one {@link #states()} made
     */
    static Hashes restore(Map<String, String> states) {
        Map<String, ExtendedDigest> d = new TreeMap<>();
        for (Map.Entry<String, String> e : states.entrySet()) {
            if (!supports(e.getKey())) {
                throw new IllegalArgumentException("saved hash state of unsupported algorithm '" + e.getKey() + "'");
            }
            d.put(e.getKey(), create(e.getKey(), Base64.getDecoder().decode(e.getValue())));
        }
        return new Hashes(d);
    }

    private static ExtendedDigest create(String algorithm, byte[] state) {
        // The state constructors check the encoding and throw IllegalStateException on a wrong one.
        try {
            return switch (algorithm) {
                case "sha256" -> state == null ? new SHA256Digest() : new SHA256Digest(state);
                case "sha384" -> state == null ? new SHA384Digest() : new SHA384Digest(state);
                case "sha512" -> state == null ? new SHA512Digest() : new SHA512Digest(state);
                default -> throw new IllegalArgumentException("unsupported hash algorithm '" + algorithm + "'");
            };
        } catch (IllegalStateException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("saved " + algorithm + " state is corrupt: " + e.getMessage(), e);
        }
    }

    java.util.Set<String> algorithms() {
        return digests.keySet();
    }

    boolean isEmpty() {
        return digests.isEmpty();
    }

    void update(byte[] data, int offset, int length) {
        for (ExtendedDigest d : digests.values()) {
            d.update(data, offset, length);
        }
    }

    /** The digests' states, base64, by algorithm; the digests go on unchanged. */
    Map<String, String> states() {
        Map<String, String> s = new TreeMap<>();
        digests.forEach((a, d) -> s.put(a, Base64.getEncoder().encodeToString(((EncodableDigest) d).getEncodedState())));
        return s;
    }

    /**
     * Finishes every digest and compares it with the expected value.
     *
     * @return a description of every mismatch, empty if all match
     */
    String mismatches(Map<String, String> expected) {
        Map<String, String> bad = new LinkedHashMap<>();
        digests.forEach((a, d) -> {
            byte[] out = new byte[d.getDigestSize()];
            d.doFinal(out, 0);
            String want = expected.get(a).toLowerCase(Locale.ROOT);
            String got = HexFormat.of().formatHex(out);
            // Constant-time, out of habit: the expected value is public, but nothing is lost.
            if (!MessageDigest.isEqual(got.getBytes(), want.getBytes())) {
                bad.put(a, "expected " + want + ", got " + got);
            }
        });
        return bad.isEmpty() ? "" : bad.toString();
    }
}
