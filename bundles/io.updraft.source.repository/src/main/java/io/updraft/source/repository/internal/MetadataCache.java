package io.updraft.source.repository.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;
import io.updraft.tuf.Hex;

/**
 * Metadata files as last received, with the validators (ETag, Last-Modified) the server sent, so the next fetch
 * can be conditional. Only bandwidth is saved: the verifier checks cached bytes exactly like fresh ones. An entry
 * is used only if its body still has the recorded SHA-256 and came from the same URL, so a torn or foreign entry
 * just means an unconditional fetch.
 */
final class MetadataCache {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataCache.class);

    /** A cached body and the validators it was served with. */
    record Entry(byte[] body, Optional<String> etag, Optional<String> lastModified) {
    }

    private static final Pattern VERSIONED = Pattern.compile("([0-9]+)\\.(.+)");

    private final Path dir;

    MetadataCache(Path dir) {
        this.dir = dir;
    }

    /** The entry for {@code fileName} fetched from {@code url}, if a usable one is cached. */
    Optional<Entry> load(String fileName, URI url) {
        Path body = dir.resolve(fileName);
        Path meta = dir.resolve(fileName + ".validators");
        try {
            Properties validators = new Properties();
            validators.load(new StringReader(Files.readString(meta, StandardCharsets.UTF_8)));
            byte[] bytes = Files.readAllBytes(body);
            if (!url.toString().equals(validators.getProperty("url"))
                    || !sha256(bytes).equals(validators.getProperty("sha256"))) {
                return Optional.empty();
            }
            Optional<String> etag = Optional.ofNullable(validators.getProperty("etag"));
            Optional<String> lastModified = Optional.ofNullable(validators.getProperty("lastModified"));
            return etag.isEmpty() && lastModified.isEmpty() ? Optional.empty()
                    : Optional.of(new Entry(bytes, etag, lastModified));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Ignoring unreadable metadata cache entry {}: {}", body, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Stores a body with its validators, or forgets the file if the server sent none. A failure to write is
     * logged and otherwise ignored: the fetch itself succeeded.
     */
    void store(String fileName, URI url, byte[] body, Optional<String> etag, Optional<String> lastModified) {
        Path bodyFile = dir.resolve(fileName);
        Path meta = dir.resolve(fileName + ".validators");
        try {
            if (etag.isEmpty() && lastModified.isEmpty()) {
                Files.deleteIfExists(meta);
                Files.deleteIfExists(bodyFile);
                return;
            }
            DurableFiles.createDirectories(dir);
            Properties validators = new Properties();
            validators.setProperty("url", url.toString());
            validators.setProperty("sha256", sha256(body));
            etag.ifPresent(v -> validators.setProperty("etag", v));
            lastModified.ifPresent(v -> validators.setProperty("lastModified", v));
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            validators.store(text, null);
            // Body first: validators that name a body not yet written would be rejected by the hash anyway.
            DurableFiles.write(bodyFile, body, null, true, dir.resolve(fileName + ".tmp"));
            DurableFiles.write(meta, text.toByteArray(), null, true, dir.resolve(fileName + ".validators.tmp"));
            dropOtherVersions(fileName);
        } catch (IOException e) {
            LOG.warn("Could not cache metadata {} in {}: {}", fileName, dir, e.toString());
        }
    }

    /**
     * With consistent snapshots every version has its own name ({@code 7.snapshot.json}); only the newest one
     * can be asked for again, so older ones would only pile up.
     */
    private void dropOtherVersions(String fileName) throws IOException {
        Matcher versioned = VERSIONED.matcher(fileName);
        if (!versioned.matches()) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String base = name.endsWith(".validators") ? name.substring(0, name.length() - 11) : name;
                Matcher other = VERSIONED.matcher(base);
                if (other.matches() && other.group(2).equals(versioned.group(2))
                        && !other.group(1).equals(versioned.group(1))) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
