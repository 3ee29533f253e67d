package io.updraft.installer.image.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

import io.updraft.install.ComponentSpec;
import io.updraft.install.Payload;
import io.updraft.install.PayloadFile;
import io.updraft.update.Version;

/** Image payloads and component specs for the tests. */
final class Images {
    static final String COMPONENT = "system";

    private Images() {
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Writes {@code image} into {@code dir/name}, compressed as the name's suffix says, and describes the payload. */
    static Payload payload(Path dir, String name, byte[] image) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        try (OutputStream out = compress(name, Files.newOutputStream(file))) {
            out.write(image);
        }
        return payloadOf(dir, name);
    }

    /** The payload made of the file {@code dir/name} as it is. */
    static Payload payloadOf(Path dir, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(name));
        return new Payload(COMPONENT, Version.parse("2.0.0"), ComponentSpec.IMAGE, dir,
                List.of(new PayloadFile(name, bytes.length, sha256(bytes), 0644)), bytes.length);
    }

    static OutputStream compress(String name, OutputStream out) throws IOException {
        if (name.endsWith(".gz")) {
            return new GzipCompressorOutputStream(out);
        }
        if (name.endsWith(".zst")) {
            return new ZstdCompressorOutputStream(out, 3);
        }
        if (name.endsWith(".xz")) {
            return new XZCompressorOutputStream(out, 1);
        }
        return out;
    }

    static ComponentSpec spec() {
        return ComponentSpec.plain(COMPONENT, ComponentSpec.IMAGE);
    }

    static ComponentSpec spec(Map<String, Path> slots, Map<String, String> properties) {
        ComponentSpec p = spec();
        return new ComponentSpec(p.name(), p.installer(), null, null, null, p.trialDeadline(), null, null, null, slots,
                null, null, properties);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isRoot() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    /** Runs a command, returning its exit code and output. */
    static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out.strip());
    }

    record Result(int exit, String output) {
    }
}
