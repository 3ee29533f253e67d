package io.updraft.publisher.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.tuf.Hex;

/** Length, SHA-256 and SHA-512 of bytes or of a file read once as a stream. */
record Digests(long length, String sha256, String sha512) {

    static Digests of(byte[] bytes) {
        MessageDigest a = digest("SHA-256");
        MessageDigest b = digest("SHA-512");
        a.update(bytes);
        b.update(bytes);
        return new Digests(bytes.length, Hex.encode(a.digest()), Hex.encode(b.digest()));
    }

    static Digests of(Path file) throws IOException {
        MessageDigest a = digest("SHA-256");
        MessageDigest b = digest("SHA-512");
        long length = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0;) {
                a.update(buf, 0, n);
                b.update(buf, 0, n);
                length += n;
            }
        }
        return new Digests(length, Hex.encode(a.digest()), Hex.encode(b.digest()));
    }

    /** The {@code hashes} object of TUF metadata; SHA-256 first, the hash clients use in consistent-snapshot names. */
    ObjectNode hashes() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("sha256", sha256);
        json.put("sha512", sha512);
        return json;
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
