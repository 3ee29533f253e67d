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
    private static final String ME = System.getProperty("user.name");
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void createsOwnerOnlyTokenFileOnFirstStart() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("etc/updraft-api.token");
        ApiToken token = ApiToken.loadOrCreate(file, new SecureRandom(), ME);
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
        ApiToken.loadOrCreate(file, new SecureRandom(), ME);
        String first = Files.readString(file);
        ApiToken again = ApiToken.loadOrCreate(file, new SecureRandom(), ME);
        assertEquals(first, Files.readString(file));
        assertTrue(again.matches(first.strip()));
    }

    @Test
    public void replacesTokenOthersCouldRead() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("t");
        String leaked = "0123456789abcdefghijklmnopqrstuvwxyzABCD";
        Files.writeString(file, leaked + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ApiToken token = ApiToken.loadOrCreate(file, new SecureRandom(), ME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse("a token others could read must not stay valid", token.matches(leaked));
        assertTrue(token.matches(Files.readString(file).strip()));
    }

    @Test
    public void refusesSymbolicLink() throws Exception {
        Path target = tmp.getRoot().toPath().resolve("elsewhere");
        Files.writeString(target, "0123456789abcdefghijklmnopqrstuvwxyzABCD");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        Path file = Files.createSymbolicLink(tmp.getRoot().toPath().resolve("t"), target);
        try {
            ApiToken.loadOrCreate(file, new SecureRandom(), ME);
            fail("followed a symbolic link");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("symbolic link"));
        }
    }

    @Test
    public void refusesFileOfAnotherOwner() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("t");
        ApiToken.loadOrCreate(file, new SecureRandom(), ME);
        try {
            ApiToken.loadOrCreate(file, new SecureRandom(), "someone-else");
            fail("accepted a token file of another owner");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("someone-else"));
        }
    }

    @Test
    public void refusesWeakOrMalformedToken() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("t");
        for (String bad : new String[] {"", "short", "has space in it 0123456789abcdefghijklmnop", "x".repeat(513)}) {
            Files.writeString(file, bad);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            try {
                ApiToken.loadOrCreate(file, new SecureRandom(), ME);
                fail("accepted token '" + bad + "'");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage(), e.getMessage().contains(file.toString()));
            }
        }
    }
}
