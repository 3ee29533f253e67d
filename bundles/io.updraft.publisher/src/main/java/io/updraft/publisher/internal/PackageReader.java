package io.updraft.publisher.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Iterator;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.tuf.CanonicalJson;
import io.updraft.tuf.Hex;
import io.updraft.tuf.SignedMetadata;
import io.updraft.verifier.PackageFormat;
import io.updraft.verifier.PackageManifest;
import io.updraft.verifier.VerificationException;

/**
 * Reads a package file completely and checks its structure: manifest first, signature second, then exactly the
 * payload files the manifest lists, in its order, each with its length and SHA-256. The signature is returned as
 * metadata over the manifest, for the caller to count against the keys it trusts.
 */
final class PackageReader {
    private static final long MAX_HEADER_ENTRY = 16 * 1024 * 1024;

    /**
     * @param manifest the manifest
     * @param signed the manifest with its signatures, as {@link SignedMetadata} so thresholds count as for metadata
     */
    record Contents(PackageManifest manifest, SignedMetadata signed) {
    }

    private PackageReader() {
    }

    /** @throws PublishException naming the package and what is wrong with it */
    static Contents read(Path file) throws IOException, PublishException {
        try (InputStream raw = Files.newInputStream(file);
                TarArchiveInputStream tar = new TarArchiveInputStream(PackageFormat.decompress(raw))) {
            byte[] manifestBytes = header(file, tar, PackageFormat.MANIFEST);
            byte[] signatureBytes = header(file, tar, PackageFormat.SIGNATURE);
            PackageManifest manifest = PackageManifest.fromJson(CanonicalJson.parse(manifestBytes));
            SignedMetadata signed = envelope(manifest, CanonicalJson.parse(signatureBytes));
            Iterator<PackageManifest.PackageFile> listed = manifest.files().iterator();
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null;) {
                if (!listed.hasNext()) {
                    throw bad(file, "entry " + e.getName() + " is not in the manifest");
                }
                PackageManifest.PackageFile expected = listed.next();
                if (!e.isFile() || !e.getName().equals(PackageFormat.PAYLOAD_PREFIX + expected.path())) {
                    throw bad(file, "entry " + e.getName() + " found where the manifest lists regular file "
                            + PackageFormat.PAYLOAD_PREFIX + expected.path());
                }
                check(file, tar, expected);
            }
            if (listed.hasNext()) {
                throw bad(file, "payload file " + listed.next().path() + " listed in the manifest is missing");
            }
            return new Contents(manifest, signed);
        } catch (VerificationException e) {
            throw bad(file, e.getMessage());
        } catch (IOException e) {
            throw new PublishException("package " + file + " is not a readable package archive: " + e.getMessage(), e);
        }
    }

    private static byte[] header(Path file, TarArchiveInputStream tar, String name) throws IOException, PublishException {
        TarArchiveEntry e = tar.getNextEntry();
        if (e == null || !e.isFile() || !name.equals(e.getName())) {
            throw bad(file, "entry " + (e == null ? "(end of archive)" : e.getName()) + " found where " + name
                    + " must be");
        }
        if (e.getSize() > MAX_HEADER_ENTRY) {
            throw bad(file, name + " is larger than " + MAX_HEADER_ENTRY + " bytes");
        }
        return tar.readAllBytes();
    }

    private static SignedMetadata envelope(PackageManifest manifest, JsonNode signature) throws IOException {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.set("signatures", signature.path("signatures").isArray() ? signature.get("signatures")
                : JsonNodeFactory.instance.arrayNode());
        doc.set("signed", manifest.toJson());
        return SignedMetadata.parse(CanonicalJson.encode(doc));
    }

    private static void check(Path file, TarArchiveInputStream tar, PackageManifest.PackageFile expected)
            throws IOException, PublishException {
        MessageDigest sha256 = Digests.digest("SHA-256");
        byte[] buf = new byte[1 << 16];
        long length = 0;
        for (int n; (n = tar.read(buf)) > 0;) {
            sha256.update(buf, 0, n);
            length += n;
        }
        if (length != expected.length() || !Hex.encode(sha256.digest()).equals(expected.sha256())) {
            throw bad(file, "payload file " + expected.path() + " does not match its length and SHA-256 in the manifest");
        }
    }

    private static PublishException bad(Path file, String what) {
        return new PublishException("package " + file + " is invalid: " + what);
    }
}
