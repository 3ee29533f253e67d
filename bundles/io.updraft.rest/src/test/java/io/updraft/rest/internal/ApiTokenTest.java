package io.updraft.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ApiTokenTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void createsOwnerOnlyTokenFileOnFirstStart() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("etc/updraft-api.token");
        ApiToken token = ApiToken.loadOrCreate(file, new SecureRandom());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String text = Files.readString(file).strip();
        assertTrue("token '" + text + "' should be 43 base64url characters", text.matches("[A-Za-z0-9_-]{43}"));
        assertTrue(token.matches(text));
        assertFalse(token.matches(text.substring(1)));
        assertFalse(token.matches(null));
        assertFalse(Files.exists(file.resolveSibling("updraft-api.token.tmp")));
    }

    @Test
    public void keepsExistingTokenAcrossStarts() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("t");
        ApiToken.loadOrCreate(file, new SecureRandom());
        String first = Files.readString(file);
        ApiToken again = ApiToken.loadOrCreate(file, new SecureRandom());
        assertEquals(first, Files.readString(file));
        assertTrue(again.matches(first.strip()));
    }

    @Test
    public void tightensLoosePermissions() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("t");
        Files.writeString(file, "0123456789abcdefghijklmnopqrstuvwxyzABCD\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ApiToken token = ApiToken.loadOrCreate(file, new SecureRandom());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(token.matches("0123456789abcdefghijklmnopqrstuvwxyzABCD"));
    }

    @Test
    public void refusesWeakOrMalformedToken() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("t");
        for (String bad : new String[] {"", "short", "has space in it 0123456789abcdefghijklmnop", "x".repeat(513)}) {
            Files.writeString(file, bad);
            try {
                ApiToken.loadOrCreate(file, new SecureRandom());
                fail("accepted token '" + bad + "'");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage(), e.getMessage().contains(file.toString()));
            }
        }
    }
}
