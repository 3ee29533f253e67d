package io.updraft.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.nio.file.Path;

import org.junit.Test;

public class UnitsPathTest {
    @Test
    public void anAbsolutePathIsStrippedAndNormalized() {
        assertEquals(Path.of("/var/lib/updraft"), Units.absolutePath("  /var/lib/./updraft/x/.. ", "home"));
    }

    @Test
    public void emptyInvalidAndRelativePathsAreRefusedNamingSettingAndValue() {
        refused(null, "svc home 'null' must not be empty");
        refused("  ", "svc home '  ' must not be empty");
        refused("/a\0b", "svc home '/a\0b' is not a valid path");
        refused("relative/dir", "svc home 'relative/dir' must be an absolute path");
    }

    private static void refused(String value, String message) {
        try {
            Units.absolutePath(value, "svc home");
            fail("accepted '" + value + "'");
        } catch (IllegalArgumentException e) {
            assertEquals(message, e.getMessage());
        }
    }
}
