package io.updraft.fs;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ExecutablesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void theFirstExecutableFileOnThePathIsFound() throws Exception {
        Path plain = tmp.newFolder("plain").toPath();
        Path dir = tmp.newFolder("dir").toPath();
        Path first = tmp.newFolder("first").toPath();
        Path second = tmp.newFolder("second").toPath();
        Files.writeString(plain.resolve("tool"), "not executable");
        Files.createDirectory(dir.resolve("tool"));
        for (Path d : new Path[] {first, second}) {
            Files.writeString(d.resolve("tool"), "#!/bin/sh\n");
            Files.setPosixFilePermissions(d.resolve("tool"), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        String path = String.join(":", "", plain.toString(), dir.toString(), "\0bad", first.toString(), second.toString());
        assertEquals(Optional.of(first.resolve("tool")), Executables.findOnPath("tool", path));
        assertEquals(Optional.empty(), Executables.findOnPath("tool", plain + ":" + dir));
        assertEquals(Optional.empty(), Executables.findOnPath("tool", null));
    }
}
