package io.updraft.tuf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The canonical JSON form TUF signs (the OLPC form used by python-tuf, securesystemslib and tuf-js): object keys
 * sorted, no whitespace, strings escaping only {@code "} and {@code \}, integers only. Signed bytes are always
 * recomputed from the parsed document, so two parsers can never disagree about what was signed.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private CanonicalJson() {
    }

    /** The mapper for metadata: duplicate keys and trailing data are refused. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses a metadata document strictly.
     *
     * @throws IOException if it is not one well-formed JSON value, or has a duplicate key
     */
    public static JsonNode parse(byte[] json) throws IOException {
        JsonNode node = MAPPER.readTree(json);
        if (node == null || node.isMissingNode()) {
            throw new IOException("empty JSON document");
        }
        return node;
    }

    /**
     * The canonical bytes of a JSON value.
     *
     * @throws IllegalArgumentException if the value holds a fractional number, which canonical JSON cannot express
     */
    public static byte[] encode(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(node, out);
        return out.toByteArray();
    }

    private static void write(JsonNode node, ByteArrayOutputStream out) {
        switch (node.getNodeType()) {
            case OBJECT:
                List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
                node.fields().forEachRemaining(fields::add);
                // Sorted by UTF-16 code units, as JavaScript's sort does; identical to code-point order for keys
                // outside the supplementary planes, which no TUF field name uses.
                fields.sort(Map.Entry.comparingByKey());
                out.write('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> field : fields) {
                    if (!first) {
                        out.write(',');
                    }
                    first = false;
                    writeString(field.getKey(), out);
                    out.write(':');
                    write(field.getValue(), out);
                }
                out.write('}');
                break;
            case ARRAY:
                out.write('[');
                Iterator<JsonNode> items = node.elements();
                while (items.hasNext()) {
                    write(items.next(), out);
                    if (items.hasNext()) {
                        out.write(',');
                    }
                }
                out.write(']');
                break;
            case STRING:
                writeString(node.textValue(), out);
                break;
            case NUMBER:
                if (!node.isIntegralNumber()) {
                    throw new IllegalArgumentException("canonical JSON has no fractional numbers, found " + node);
                }
                out.writeBytes(node.bigIntegerValue().toString().getBytes(StandardCharsets.US_ASCII));
                break;
            case BOOLEAN:
                out.writeBytes(node.booleanValue() ? TRUE : FALSE);
                break;
            case NULL:
                out.writeBytes(NULL);
                break;
            default:
                throw new IllegalArgumentException("value of type " + node.getNodeType() + " has no canonical JSON form");
        }
    }

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private static void writeString(String s, ByteArrayOutputStream out) {
        out.write('"');
        StringBuilder escaped = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                // UTF-8 would write '?' for it: two different strings would share canonical bytes.
                throw new IllegalArgumentException("canonical JSON has no form for the unpaired surrogate \\u"
                        + Integer.toHexString(c) + " at index " + i);
            }
            if (c == '"' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        out.writeBytes(escaped.toString().getBytes(StandardCharsets.UTF_8));
        out.write('"');
    }
}
