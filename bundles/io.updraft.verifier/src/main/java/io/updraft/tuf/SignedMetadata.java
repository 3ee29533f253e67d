package io.updraft.tuf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A TUF metadata document, {@code {"signed": {...}, "signatures": [{"keyid", "sig"}]}}, and the threshold check of
 * its signatures. The signed bytes are the canonical JSON of the parsed {@code signed} object.
 */
public final class SignedMetadata {
    /** One signature entry as the document lists it. */
    public record Signature(String keyId, String sig) {
    }

    private final ObjectNode signed;
    private final byte[] canonical;
    private final List<Signature> signatures;

    private SignedMetadata(ObjectNode signed, byte[] canonical, List<Signature> signatures) {
        this.signed = signed;
        this.canonical = canonical;
        this.signatures = List.copyOf(signatures);
    }

    /**
     * Parses a document.
     *
     * @throws IOException if it is not well-formed JSON of the metadata shape; the message says what is missing
     */
    public static SignedMetadata parse(byte[] json) throws IOException {
        JsonNode root = CanonicalJson.parse(json);
        if (!root.isObject() || !root.path("signed").isObject() || !root.path("signatures").isArray()) {
            throw new IOException("metadata must be an object with a 'signed' object and a 'signatures' array");
        }
        List<Signature> sigs = new ArrayList<>();
        for (JsonNode entry : root.get("signatures")) {
            if (!entry.path("keyid").isTextual() || !entry.path("sig").isTextual()) {
                throw new IOException("metadata signature entries need 'keyid' and 'sig' strings, found " + entry);
            }
            sigs.add(new Signature(entry.get("keyid").textValue(), entry.get("sig").textValue()));
        }
        ObjectNode signed = (ObjectNode) root.get("signed");
        byte[] canonical;
        try {
            canonical = CanonicalJson.encode(signed);
        } catch (IllegalArgumentException e) {
            // Nothing can have been signed over a value without a canonical form.
            throw new IOException("metadata 'signed' has no canonical JSON form: " + e.getMessage(), e);
        }
        return new SignedMetadata(signed, canonical, sigs);
    }

    /** Signs {@code signed} with every signer, in order. */
    public static SignedMetadata sign(ObjectNode signed, Collection<TufSigner> signers) {
        byte[] bytes = CanonicalJson.encode(signed);
        List<Signature> sigs = new ArrayList<>();
        for (TufSigner signer : signers) {
            sigs.add(new Signature(signer.keyId(), Hex.encode(signer.sign(bytes))));
        }
        return new SignedMetadata(signed.deepCopy(), bytes, sigs);
    }

    /** The signed part; a copy, so callers cannot change what was checked. */
    public ObjectNode signed() {
        return signed.deepCopy();
    }

    public List<Signature> signatures() {
        return signatures;
    }

    /** The {@code _type} of the signed part, or "" when absent. */
    public String type() {
        return signed.path("_type").asText("");
    }

    /**
     * Counts the distinct authorized keys with a valid signature over the signed part. A key signing twice counts
     * once, a signature by a key that is not authorized or with a malformed value counts nothing.
     *
     * @param keys the keys by id, as the delegating metadata lists them
     * @param authorized the key ids the delegating role authorizes
     */
    public int validSignatures(Map<String, TufKey> keys, Collection<String> authorized) {
        byte[] bytes = canonical;
        Set<String> counted = new HashSet<>();
        Set<TufKey> countedKeys = new HashSet<>();
        for (Signature signature : signatures) {
            TufKey key = keys.get(signature.keyId());
            if (key == null || !authorized.contains(signature.keyId()) || counted.contains(signature.keyId())
                    || countedKeys.contains(key)) {
                continue;
            }
            byte[] sig;
            try {
                sig = Hex.decode("signature", signature.sig());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (key.verify(bytes, sig)) {
                counted.add(signature.keyId());
                // The same key listed under two ids must not count twice towards a threshold.
                countedKeys.add(key);
            }
        }
        return counted.size();
    }

    /** The document as JSON (signatures first, then signed), pretty-printed for people reading a repository. */
    public byte[] toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode sigs = root.putArray("signatures");
        for (Signature s : signatures) {
            sigs.addObject().put("keyid", s.keyId()).put("sig", s.sig());
        }
        root.set("signed", signed);
        try {
            return CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("metadata could not be written as JSON", e);
        }
    }
}
