package io.updraft.verifier.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

import io.updraft.tuf.Hex;
import io.updraft.verifier.VerificationException;
import io.updraft.verifier.VerificationException.Reason;

/** Length and hash checks of metadata files against the {@code meta} entry that names them. */
final class Hashes {
    private static final Map<String, String> ALGORITHMS = Map.of("sha256", "SHA-256", "sha384", "SHA-384",
            "sha512", "SHA-512");

    private Hashes() {
    }

    static boolean matches(byte[] bytes, Roles.MetaFile expected) {
        try {
            require(bytes, expected, "");
            return true;
        } catch (VerificationException e) {
            return false;
        }
    }

    /** Checks the length and every known hash the entry gives; an entry without them checks nothing here. */
    static void require(byte[] bytes, Roles.MetaFile expected, String name) throws VerificationException {
        if (expected.length() > 0 && bytes.length != expected.length()) {
            throw new VerificationException(Reason.MIX_AND_MATCH, name + " has " + bytes.length
                    + " bytes, the referring metadata says " + expected.length());
        }
        for (Map.Entry<String, String> hash : expected.hashes().entrySet()) {
            String jca = ALGORITHMS.get(hash.getKey());
            if (jca == null) {
                continue;
            }
            String actual = digest(jca, bytes);
            if (!actual.equals(hash.getValue())) {
                throw new VerificationException(Reason.MIX_AND_MATCH, name + " has " + hash.getKey() + " " + actual
                        + ", the referring metadata says " + hash.getValue());
            }
        }
    }

    private static String digest(String algorithm, byte[] bytes) {
        try {
            return Hex.encode(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
