package io.updraft.tuf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class CanonicalJsonTest {

    private static String canonical(String json) throws IOException {
        return new String(CanonicalJson.encode(CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8))),
                StandardCharsets.UTF_8);
    }

    @Test
    public void sortsKeysDropsWhitespaceAndEscapesOnlyQuoteAndBackslash() throws IOException {
        assertEquals("{\"a\":[1,true,null,\"x\\\"y\\\\z\"],\"b\":{\"c\":\"\n\u00e9\"}}",
                canonical("{ \"b\" : {\"c\": \"\\n\u00e9\"}, \"a\": [1, true, null, \"x\\\"y\\\\z\"] }"));
    }

    @Test
    public void keepsLargeIntegersExact() throws IOException {
        assertEquals("{\"v\":18446744073709551617}", canonical("{\"v\": 18446744073709551617}"));
    }

    @Test
    public void refusesFractionalNumbers() throws IOException {
        try {
            canonical("{\"v\": 1.5}");
            fail();
        } catch (IllegalArgumentException e) {
            assertEquals("canonical JSON has no fractional numbers, found 1.5", e.getMessage());
        }
    }

    @Test
    public void refusesDuplicateKeysAndTrailingData() {
        for (String bad : new String[] {"{\"a\":1,\"a\":2}", "{\"a\":1} {}", "", "{\"a\":1 // c\n}"}) {
            try {
                CanonicalJson.parse(bad.getBytes(StandardCharsets.UTF_8));
                fail("should refuse: " + bad);
            } catch (IOException e) {
                // expected
            }
        }
    }

    @Test
    public void matchesTheFormSecuresystemslibSigns() throws IOException {
        // securesystemslib.formats.encode_canonical({"keytype": "ed25519", "scheme": "ed25519",
        //   "keyval": {"public": "ab"}}) gives exactly this.
        assertEquals("{\"keytype\":\"ed25519\",\"keyval\":{\"public\":\"ab\"},\"scheme\":\"ed25519\"}",
                canonical("{\"scheme\":\"ed25519\",\"keyval\":{\"public\":\"ab\"},\"keytype\":\"ed25519\"}"));
    }
}
