package io.updraft.downloader.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.updraft.fs.DurableFiles;

/**
 * The downloads folder: {@code <id>.part} (data being received), {@code <id>.json} ({@link PartialState}) and
 * {@code <id>} (the checked artifact). The folder is 0700 and every file 0600: artifacts may be confidential until
 * installed. The state file is replaced atomically and durably, so after a power cut it describes a checkpoint
 * whose data was synced before it.
 */
final class StateStore {
    static final String PART = ".part";
    static final String STATE = ".json";
    static final String TEMP = ".tmp";
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    StateStore(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Creates the folder if missing and makes it 0700. */
    void prepare() throws IOException {
        DurableFiles.createDirectories(dir);
        Files.setPosixFilePermissions(dir, DIR_MODE);
    }

    Path part(String id) {
        return dir.resolve(id + PART);
    }

    Path complete(String id) {
        return dir.resolve(id);
    }

    private Path stateFile(String id) {
        return dir.resolve(id + STATE);
    }

    /** The persisted state of {@code id}; empty if none or unreadable (an unreadable one is logged). */
    Optional<PartialState> load(String id) {
        Path file = stateFile(id);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            PartialState s = json.readValue(file.toFile(), PartialState.class);
            if (s.schema() != PartialState.SCHEMA || !id.equals(s.id()) || s.urls() == null || s.hashes() == null
                    || s.offset() < 0 || s.offset() > s.length()) {
                LOG.warn("Ignoring download state {}: schema {}, id {}, offset {} of {} do not fit", file, s.schema(),
                        s.id(), s.offset(), s.length());
                return Optional.empty();
            }
            return Optional.of(s);
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable download state {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    void save(PartialState s) throws IOException {
        byte[] bytes;
        try {
            bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(s);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot encode the state of download " + s.id() + ": " + e.getMessage(), e);
        }
        Path file = stateFile(s.id());
        DurableFiles.write(file, bytes, FILE_MODE, true, dir.resolve(s.id() + STATE + TEMP));
    }

    /** Every download with a persisted state, sorted by id. */
    List<PartialState> all() throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + STATE)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                ids.add(name.substring(0, name.length() - STATE.length()));
            }
        }
        ids.sort(null);
        List<PartialState> states = new ArrayList<>();
        for (String id : ids) {
            load(id).ifPresent(states::add);
        }
        return states;
    }

    /** Deletes the data, partial or complete, and the state of {@code id}; the state goes last. */
    boolean delete(String id) throws IOException {
        boolean any = Files.deleteIfExists(part(id));
        any |= Files.deleteIfExists(complete(id));
        Files.deleteIfExists(dir.resolve(id + STATE + TEMP));
        any |= Files.deleteIfExists(stateFile(id));
        if (any) {
            DurableFiles.syncDirectory(dir);
        }
        return any;
    }
}
