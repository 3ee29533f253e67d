package io.updraft.fs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DurableFilesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    public void createDirectoriesReturnsWhatItCreatedOutermostFirst() throws Exception {
        Path root = tmp.getRoot().toPath().toAbsolutePath();
        Path home = root.resolve("var/lib/updraft");
        assertEquals(List.of(root.resolve("var"), root.resolve("var/lib"), home), DurableFiles.createDirectories(home));
        assertTrue(Files.isDirectory(home));
        assertEquals(List.of(home.resolve("state")), DurableFiles.createDirectories(home.resolve("state")));
        assertEquals(List.of(), DurableFiles.createDirectories(home));
    }

    @Test
    public void createDirectoriesRefusesAFileInTheWay() throws Exception {
        Path file = tmp.newFile("home").toPath();
        assertThrows(FileAlreadyExistsException.class, () -> DurableFiles.createDirectories(file.resolve("state")));
        assertTrue(Files.isRegularFile(file));
    }

    @Test
    public void writeReplacesThroughTheTemporaryFileAndLeavesNothingElse() throws Exception {
        Path dir = tmp.getRoot().toPath();
        Path file = dir.resolve("device-id");
        Path temp = dir.resolve("device-id.new");
        DurableFiles.write(file, ascii("one\n"), null, true, temp);
        // A leftover of an interrupted write is overwritten, not appended to.
        Files.write(temp, ascii("a longer half-written leftover"));
        DurableFiles.write(file, ascii("two\n"), null, true, temp);
        assertEquals("two\n", Files.readString(file));
        assertEquals(List.of("device-id"), names(dir));
    }

    @Test
    public void writeCreatesTheFileWithItsPermissionsFromTheStart() throws Exception {
        Path dir = tmp.getRoot().toPath();
        Path file = dir.resolve("token");
        Path temp = dir.resolve("token.tmp");
        // A leftover others could read must not lend its permissions to the new content.
        Files.write(temp, ascii("old"));
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        DurableFiles.write(file, ascii("secret\n"), PosixFilePermissions.fromString("rw-------"), false, temp);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("secret\n", Files.readString(file));
        assertEquals(List.of("token"), names(dir));
    }

    @Test
    public void failedRenameDeletesTheTemporaryFileAndKeepsTheTarget() throws Exception {
        Path dir = tmp.getRoot().toPath();
        Path target = Files.createDirectories(dir.resolve("in-the-way"));
        Files.write(target.resolve("keep"), ascii("keep"));
        Path temp = dir.resolve("in-the-way.tmp");
        assertThrows(IOException.class, () -> DurableFiles.write(target, ascii("new"), null, true, temp));
        assertFalse(Files.exists(temp));
        assertEquals("keep", Files.readString(target.resolve("keep")));
    }

    @Test
    public void writeWithoutReplaceKeepsAFileThatAppearedMeanwhile() throws Exception {
        Path dir = tmp.getRoot().toPath();
        Path file = dir.resolve("token");
        Files.write(file, ascii("theirs"));
        Path temp = dir.resolve("token.tmp");
        assertThrows(FileAlreadyExistsException.class, () -> DurableFiles.write(file, ascii("mine"), null, false, temp));
        assertEquals("theirs", Files.readString(file));
        assertFalse(Files.exists(temp));

        Path fresh = dir.resolve("fresh");
        DurableFiles.write(fresh, ascii("mine"), null, false, dir.resolve("fresh.tmp"));
        assertEquals("mine", Files.readString(fresh));
        assertFalse(Files.exists(dir.resolve("fresh.tmp")));
    }

    @Test
    public void moveAsideNeverOverwritesEarlierOnes() throws Exception {
        Path dir = tmp.getRoot().toPath();
        Path file = dir.resolve("device.json");
        for (String content : List.of("first", "second", "third")) {
            Files.writeString(file, content);
            DurableFiles.moveAside(file, "corrupt", "20240102T030405Z");
        }
        assertFalse(Files.exists(file));
        assertEquals("first", Files.readString(dir.resolve("device.json.corrupt-20240102T030405Z")));
        assertEquals("second", Files.readString(dir.resolve("device.json.corrupt-20240102T030405Z-1")));
        Files.writeString(file, "fourth");
        assertEquals(dir.resolve("device.json.corrupt-20240102T030405Z-3"),
                DurableFiles.moveAside(file, "corrupt", "20240102T030405Z"));
    }

    @Test
    public void syncDirectoryRefusesAMissingDirectory() throws Exception {
        DurableFiles.syncDirectory(tmp.getRoot().toPath());
        assertThrows(IOException.class, () -> DurableFiles.syncDirectory(tmp.getRoot().toPath().resolve("gone")));
    }
}
