package io.updraft.verifier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.updraft.tuf.Hex;

/**
 * Checks a target while it streams: counts bytes, refusing the first byte past the signed length, and hashes in
 * the same pass with every algorithm the metadata lists that this JVM knows (at least one must be known).
 */
public final class TargetDigest {
    private static final Map<String, String> ALGORITHMS = Map.of("sha256", "SHA-256", "sha512", "SHA-512",
            "sha384", "SHA-384");

    private final TargetInfo target;
    private final Map<String, MessageDigest> digests = new LinkedHashMap<>();
    private long count;

    private TargetDigest(TargetInfo target) throws VerificationException {
        this.target = target;
        for (String algorithm : target.hashes().keySet()) {
            String jca = ALGORITHMS.get(algorithm);
            if (jca != null) {
                try {
                    digests.put(algorithm, MessageDigest.getInstance(jca));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(jca + " is missing from this JVM", e);
                }
            }
        }
        if (digests.isEmpty()) {
            throw new VerificationException(VerificationException.Reason.MALFORMED, "target " + target.path()
                    + " lists only hash algorithms this device does not support: " + target.hashes().keySet());
        }
    }

    public static TargetDigest of(TargetInfo target) throws VerificationException {
        return new TargetDigest(target);
    }

    /** Feeds the next bytes. */
    public void update(byte[] buffer, int offset, int length) throws VerificationException {
        if (count + length > target.length()) {
            throw new VerificationException(VerificationException.Reason.TOO_LARGE, "target " + target.path()
                    + " is longer than its signed length " + target.length());
        }
        count += length;
        for (MessageDigest digest : digests.values()) {
            digest.update(buffer, offset, length);
        }
    }

    /** Bytes fed so far. */
    public long count() {
        return count;
    }

    /** Checks the length and every hash after the last byte. */
    public void finish() throws VerificationException {
        if (count != target.length()) {
            throw new VerificationException(VerificationException.Reason.HASH_MISMATCH, "target " + target.path()
                    + " has " + count + " bytes, its metadata says " + target.length());
        }
        for (Map.Entry<String, MessageDigest> entry : digests.entrySet()) {
            String actual = Hex.encode(entry.getValue().digest());
            if (!actual.equalsIgnoreCase(target.hashes().get(entry.getKey()))) {
                throw new VerificationException(VerificationException.Reason.HASH_MISMATCH, "target " + target.path()
                        + " has " + entry.getKey() + " " + actual + ", its metadata says "
                        + target.hashes().get(entry.getKey()));
            }
        }
    }
}
