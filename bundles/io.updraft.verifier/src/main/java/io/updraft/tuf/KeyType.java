package io.updraft.tuf;

import java.util.Locale;

/** The signature schemes Updraft signs and verifies with. */
public enum KeyType {
    /** Ed25519 (RFC 8032); public value is the 32-byte key in hex. */
    ED25519("ed25519", "ed25519"),
    /** ECDSA over NIST P-256 with SHA-256, DER signatures; public value is a PEM SubjectPublicKeyInfo. */
    ECDSA_P256("ecdsa", "ecdsa-sha2-nistp256");

    private final String keytype;
    private final String scheme;

    KeyType(String keytype, String scheme) {
        this.keytype = keytype;
        this.scheme = scheme;
    }

    /** The TUF {@code keytype} this library writes. */
    public String keytype() {
        return keytype;
    }

    /** The TUF {@code scheme}. */
    public String scheme() {
        return scheme;
    }

    /**
     * The key type of a TUF key object. Besides {@code ecdsa}, the older keytype {@code ecdsa-sha2-nistp256} that
     * some TUF tools still write is accepted.
     *
     * @throws IllegalArgumentException naming the pair if it is not a supported scheme
     */
    public static KeyType of(String keytype, String scheme) {
        if ("ed25519".equals(keytype) && "ed25519".equals(scheme)) {
            return ED25519;
        }
        if (("ecdsa".equals(keytype) || "ecdsa-sha2-nistp256".equals(keytype)) && "ecdsa-sha2-nistp256".equals(scheme)) {
            return ECDSA_P256;
        }
        throw new IllegalArgumentException("unsupported key: keytype '" + keytype + "' with scheme '" + scheme
                + "'; supported are ed25519/ed25519 and ecdsa/ecdsa-sha2-nistp256");
    }

    /** Parses a user's choice: {@code ed25519} or {@code ecdsa} / {@code p256} / {@code ecdsa-p256}. */
    public static KeyType parse(String name) {
        switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "ed25519":
                return ED25519;
            case "ecdsa":
            case "p256":
            case "ecdsa-p256":
            case "ecdsa-sha2-nistp256":
                return ECDSA_P256;
            default:
                throw new IllegalArgumentException("unknown key type '" + name + "'; use ed25519 or ecdsa-p256");
        }
    }
}
