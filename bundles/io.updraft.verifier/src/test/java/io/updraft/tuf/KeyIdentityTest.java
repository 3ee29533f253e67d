package io.updraft.tuf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One private key must count once towards a threshold however its public value is spelled. */
public class KeyIdentityTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    public void anEd25519KeyListedTwiceInOtherHexCaseCountsOnce() {
        TufSigner signer = TufSigner.generate(KeyType.ED25519, RANDOM);
        ObjectNode upper = signer.publicKey().toJson();
        ObjectNode keyval = (ObjectNode) upper.get("keyval");
        keyval.put("public", keyval.get("public").textValue().toUpperCase(java.util.Locale.ROOT));
        assertCountsOnce(signer, TufKey.fromJson(upper));
    }

    @Test
    public void anEcdsaKeyListedTwiceInOtherPemLayoutCountsOnce() {
        TufSigner signer = TufSigner.generate(KeyType.ECDSA_P256, RANDOM);
        ObjectNode other = signer.publicKey().toJson();
        ObjectNode keyval = (ObjectNode) other.get("keyval");
        keyval.put("public", "\n" + keyval.get("public").textValue().strip() + "\n\n");
        assertCountsOnce(signer, TufKey.fromJson(other));
    }

    private static void assertCountsOnce(TufSigner signer, TufKey respelled) {
        String firstId = signer.keyId();
        String secondId = respelled.keyId();
        assertTrue("the respelled key must get another id for the test to mean anything", !firstId.equals(secondId));
        ObjectNode signed = JsonNodeFactory.instance.objectNode().put("_type", "timestamp");
        byte[] sig = signer.sign(CanonicalJson.encode(signed));
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.putArray("signatures").add(entry(firstId, sig)).add(entry(secondId, sig));
        doc.set("signed", signed);
        SignedMetadata metadata;
        try {
            metadata = SignedMetadata.parse(CanonicalJson.encode(doc));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Map<String, TufKey> keys = Map.of(firstId, signer.publicKey(), secondId, respelled);
        assertEquals(1, metadata.validSignatures(keys, List.of(firstId, secondId)));
    }

    private static ObjectNode entry(String keyId, byte[] sig) {
        return JsonNodeFactory.instance.objectNode().put("keyid", keyId).put("sig", Hex.encode(sig));
    }

    @Test
    public void metadataWithoutACanonicalFormIsRefusedWhenParsed() {
        for (String json : List.of("{\"signatures\":[],\"signed\":{\"_type\":\"targets\",\"version\":1.5}}",
                "{\"signatures\":[],\"signed\":{\"_type\":\"targets\",\"note\":\"\\ud800\"}}")) {
            try {
                SignedMetadata.parse(json.getBytes(StandardCharsets.UTF_8));
                fail("no canonical form, so nothing can have been signed: " + json);
            } catch (IOException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("canonical"));
            }
        }
    }
}
