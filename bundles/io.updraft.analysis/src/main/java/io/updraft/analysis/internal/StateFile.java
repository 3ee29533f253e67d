package io.updraft.analysis.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.fs.DurableFiles;

/**
 * {@code <home>/analysis/state.json}: the read position per stream and the rolling state, written together by
 * temp file + fsync + atomic rename, so after a restart or power cut positions and state always match and nothing
 * is counted twice. Mode 0600 in a 0700 folder: the state holds log messages. A file that cannot be read, or
 * was written by a newer version, is moved aside (kept as evidence) and the analysis starts afresh.
 */
final class StateFile {
    static final String FORMAT = "updraft.analysis.state";
    static final int VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper();

    StateFile(Path home) {
        this.dir = home.resolve("analysis");
        this.file = dir.resolve("state.json");
    }

    Path path() {
        return file;
    }

    /** The saved state, or null if there is none usable. */
    JsonNode load() {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonNode root = mapper.readTree(file.toFile());
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw new IOException("not an analysis state file");
            }
            if (root.path("v").asInt() != VERSION) {
                throw new IOException("state format version " + root.path("v").asText() + " is not " + VERSION);
            }
            return root;
        } catch (IOException | RuntimeException e) {
            try {
                Path aside = DurableFiles.moveAside(file, "unreadable", Long.toString(Instant.now().getEpochSecond()));
                LOG.warn("Analysis state {} is unusable ({}); kept it as {} and starting afresh", file, e.getMessage(), aside);
            } catch (IOException moveFailed) {
                LOG.warn("Analysis state {} is unusable ({}) and could not be moved aside; starting afresh", file,
                        e.getMessage(), moveFailed);
            }
            return null;
        }
    }

    void save(ObjectNode root) throws IOException {
        root.put("format", FORMAT);
        root.put("v", VERSION);
        if (!DurableFiles.createDirectories(dir).isEmpty()) {
            Files.setPosixFilePermissions(dir, DIR_MODE);
        }
        DurableFiles.write(file, mapper.writeValueAsBytes(root), FILE_MODE, true, dir.resolve("state.json.tmp"));
    }
}
