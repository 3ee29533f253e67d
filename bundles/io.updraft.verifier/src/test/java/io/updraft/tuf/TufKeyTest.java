package io.updraft.tuf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

public class TufKeyTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final byte[] DATA = "signed bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    public void bothKeyTypesSignAndVerifyAndRefuseOtherData() {
        for (KeyType type : KeyType.values()) {
            TufSigner signer = TufSigner.generate(type, new SecureRandom());
            byte[] sig = signer.sign(DATA);
            assertTrue(type + " verifies", signer.publicKey().verify(DATA, sig));
            assertFalse(type + " refuses other data", signer.publicKey().verify("other".getBytes(StandardCharsets.UTF_8), sig));
            sig[sig.length - 1] ^= 1;
            assertFalse(type + " refuses a changed signature", signer.publicKey().verify(DATA, sig));
            assertFalse(type + " refuses garbage", signer.publicKey().verify(DATA, new byte[] {1, 2, 3}));
        }
    }

    @Test
    public void keysSurviveTheirJsonFormAndKeepTheirId() {
        for (KeyType type : KeyType.values()) {
            TufSigner signer = TufSigner.generate(type, new SecureRandom());
            TufKey parsed = TufKey.fromJson(signer.publicKey().toJson());
            assertEquals(signer.keyId(), parsed.keyId());
            assertTrue(parsed.verify(DATA, signer.sign(DATA)));
            assertEquals(64, parsed.keyId().length());
        }
    }

    @Test
    public void acceptsTheOlderEcdsaKeytypeName() {
        TufSigner signer = TufSigner.generate(KeyType.ECDSA_P256, new SecureRandom());
        ObjectNode json = signer.publicKey().toJson();
        json.put("keytype", "ecdsa-sha2-nistp256");
        assertTrue(TufKey.fromJson(json).verify(DATA, signer.sign(DATA)));
    }

    @Test
    public void ed25519MatchesRfc8032TestVector1() {
        // RFC 8032 section 7.1, TEST 1: empty message.
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("keytype", "ed25519").put("scheme", "ed25519");
        json.putObject("keyval").put("public", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] sig = Hex.decode("sig", "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        assertTrue(TufKey.fromJson(json).verify(new byte[0], sig));
    }

    @Test
    public void unsupportedOrBrokenKeysAreRefusedWithTheReason() {
        Map<String, String> cases = Map.of(
                "{\"keytype\":\"rsa\",\"scheme\":\"rsassa-pss-sha256\",\"keyval\":{\"public\":\"x\"}}", "unsupported key",
                "{\"keytype\":\"ed25519\",\"scheme\":\"ed25519\",\"keyval\":{\"public\":\"abcd\"}}", "must be 32 bytes",
                "{\"keytype\":\"ecdsa\",\"scheme\":\"ecdsa-sha2-nistp256\",\"keyval\":{\"public\":\"nope\"}}", "PEM",
                "{\"keytype\":\"ed25519\",\"scheme\":\"ed25519\"}", "keyval.public");
        cases.forEach((json, message) -> {
            try {
                TufKey.fromJson(CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8)));
                fail("should refuse " + json);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains(message));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    public void privateKeysAreStoredOwnerOnlyAndLoadBack() throws IOException {
        for (KeyType type : KeyType.values()) {
            TufSigner signer = TufSigner.generate(type, new SecureRandom());
            Path file = tmp.getRoot().toPath().resolve(type + ".key");
            signer.store(file);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            TufSigner loaded = TufSigner.load(file);
            assertEquals(signer.keyId(), loaded.keyId());
            assertTrue(signer.publicKey().verify(DATA, loaded.sign(DATA)));
            try {
                signer.store(file);
                fail("must not overwrite a key");
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // expected
            }
        }
    }

    @Test
    public void aKeyFileReadableByOthersIsRefused() throws IOException {
        TufSigner signer = TufSigner.generate(KeyType.ED25519, new SecureRandom());
        Path file = tmp.getRoot().toPath().resolve("loose.key");
        signer.store(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try {
            TufSigner.load(file);
            fail();
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("chmod 600"));
        }
    }

    @Test
    public void thresholdCountsDistinctAuthorizedKeysOnly() {
        TufSigner a = TufSigner.generate(KeyType.ED25519, new SecureRandom());
        TufSigner b = TufSigner.generate(KeyType.ECDSA_P256, new SecureRandom());
        TufSigner outsider = TufSigner.generate(KeyType.ED25519, new SecureRandom());
        ObjectNode signed = JsonNodeFactory.instance.objectNode().put("_type", "x");
        Map<String, TufKey> keys = Map.of(a.keyId(), a.publicKey(), b.keyId(), b.publicKey(),
                outsider.keyId(), outsider.publicKey());
        List<String> authorized = List.of(a.keyId(), b.keyId());
        assertEquals(2, SignedMetadata.sign(signed, List.of(a, b)).validSignatures(keys, authorized));
        assertEquals(1, SignedMetadata.sign(signed, List.of(a, a, outsider)).validSignatures(keys, authorized));
        SignedMetadata other = SignedMetadata.sign(JsonNodeFactory.instance.objectNode().put("_type", "y"), List.of(a, b));
        assertEquals(0, other.validSignatures(Map.of(), authorized));
    }
}
