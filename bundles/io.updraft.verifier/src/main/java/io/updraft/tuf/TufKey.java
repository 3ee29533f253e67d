package io.updraft.tuf;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A public key as TUF metadata lists it: {@code {"keytype", "scheme", "keyval": {"public"}}}.
 */
public final class TufKey {
    private final KeyType type;
    private final String keytype;
    private final String publicValue;
    private final AsymmetricKeyParameter key;

    private TufKey(KeyType type, String keytype, String publicValue, AsymmetricKeyParameter key) {
        this.type = type;
        this.keytype = keytype;
        this.publicValue = publicValue;
        this.key = key;
    }

    /** The TUF form of a Bouncy Castle public key. */
    public static TufKey of(AsymmetricKeyParameter publicKey) {
        if (publicKey instanceof Ed25519PublicKeyParameters) {
            String hex = Hex.encode(((Ed25519PublicKeyParameters) publicKey).getEncoded());
            return new TufKey(KeyType.ED25519, KeyType.ED25519.keytype(), hex, publicKey);
        }
        if (publicKey instanceof ECPublicKeyParameters) {
            try {
                byte[] spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey).getEncoded();
                StringWriter pem = new StringWriter();
                try (PemWriter writer = new PemWriter(pem)) {
                    writer.writeObject(new PemObject("PUBLIC KEY", spki));
                }
                return new TufKey(KeyType.ECDSA_P256, KeyType.ECDSA_P256.keytype(), pem.toString(), publicKey);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalArgumentException("unsupported public key " + publicKey.getClass().getSimpleName());
    }

    /**
     * Reads a key object from metadata.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static TufKey fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("key must be a JSON object, found " + json);
        }
        String keytype = text(json, "keytype");
        KeyType type = KeyType.of(keytype, text(json, "scheme"));
        JsonNode keyval = json.get("keyval");
        if (keyval == null || !keyval.isObject() || !keyval.path("public").isTextual()) {
            throw new IllegalArgumentException("key has no keyval.public string");
        }
        String value = keyval.get("public").textValue();
        return new TufKey(type, keytype, value, parsePublic(type, value));
    }

    private static AsymmetricKeyParameter parsePublic(KeyType type, String value) {
        if (type == KeyType.ED25519) {
            byte[] raw = Hex.decode("ed25519 public key", value);
            if (raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
                throw new IllegalArgumentException("ed25519 public key must be 32 bytes, found " + raw.length);
            }
            return new Ed25519PublicKeyParameters(raw, 0);
        }
        try (PemReader reader = new PemReader(new StringReader(value))) {
            PemObject pem = reader.readPemObject();
            if (pem == null || !"PUBLIC KEY".equals(pem.getType())) {
                throw new IllegalArgumentException("ecdsa public key must be a PEM 'PUBLIC KEY' block");
            }
            AsymmetricKeyParameter key = PublicKeyFactory.createKey(pem.getContent());
            if (!(key instanceof ECPublicKeyParameters) || !Signatures.isP256((ECPublicKeyParameters) key)) {
                throw new IllegalArgumentException("ecdsa public key is not on curve P-256");
            }
            return key;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException("ecdsa public key is not a valid PEM SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("key has no '" + field + "' string");
        }
        return value.textValue();
    }

    public KeyType type() {
        return type;
    }

    AsymmetricKeyParameter parameters() {
        return key;
    }

    /** The key object as metadata lists it. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("keytype", keytype);
        json.put("scheme", type.scheme());
        json.putObject("keyval").put("public", publicValue);
        return json;
    }

    /** The TUF key id: SHA-256 of the canonical JSON of the key object, in hex. */
    public String keyId() {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(CanonicalJson.encode(toJson())));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether {@code signature} is this key's valid signature over {@code data}; malformed signatures are false. */
    public boolean verify(byte[] data, byte[] signature) {
        return Signatures.verify(type, key, data, signature);
    }

    /**
     * Keys are equal when their key material is: the same key spelled differently (hex case, PEM layout, point
     * compression) under two key ids must not count twice towards a threshold.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof TufKey && ((TufKey) o).type == type && java.util.Arrays.equals(((TufKey) o).material(), material());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(material());
    }

    /** The raw Ed25519 key, or the uncompressed P-256 point. */
    private byte[] material() {
        if (key instanceof Ed25519PublicKeyParameters) {
            return ((Ed25519PublicKeyParameters) key).getEncoded();
        }
        return ((ECPublicKeyParameters) key).getQ().getEncoded(false);
    }

    @Override
    public String toString() {
        return type.scheme() + " key " + keyId();
    }
}
