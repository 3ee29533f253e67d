package io.updraft.rest.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Small JSON request bodies: read with a size cap, unknown fields and wrong types refused by name. */
final class RequestBody {
    /** A request body here is a few dozen bytes; anything much larger is not one. */
    static final int MAX_BODY = 4 * 1024;

    private RequestBody() {
    }

    /** The body as JSON; null when it is empty. */
    static JsonNode read(HttpServletRequest request, ObjectMapper mapper) throws ApiError {
        try {
            byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ApiError(413, "too_large", "body is larger than " + MAX_BODY + " bytes");
            }
            return bytes.length == 0 ? null : mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "bad_request", "body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiError(400, "bad_request", "body could not be read: " + e.getMessage());
        }
    }

    /** @throws ApiError 400 naming every field not in {@code allowed} */
    static void onlyFields(JsonNode body, Set<String> allowed) throws ApiError {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unknown.add("'" + name + "'");
            }
        }
        if (!unknown.isEmpty()) {
            throw new ApiError(400, "bad_request", "unknown field" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + "; allowed: " + String.join(", ", new TreeSet<>(allowed)));
        }
    }

    /** The field's text; null when absent. @throws ApiError 400 when it is not a string */
    static String text(JsonNode body, String field) throws ApiError {
        JsonNode value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ApiError(400, "bad_request", field + " must be a string, got " + value);
        }
        return value.asText();
    }
}
