package io.updraft.rest.internal;

import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

import javax.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The body of {@code POST install}: {@code {"when": "now"|"window"}} to install (optionally with
 * {@code "decision": "install"}), or {@code {"decision": "deny"}} to decline. Anything else is refused rather
 * than guessed at: a wrong guess here installs or declines an update on a device.
 */
record InstallRequest(Decision decision) {
    /** What the user decided. */
    enum Decision { NOW, WINDOW, DENY }

    private static final Set<String> FIELDS = Set.of("decision", "when");
    /** A decision is a few dozen bytes; anything much larger is not one. */
    static final int MAX_BODY = 4 * 1024;

    static InstallRequest read(HttpServletRequest request, ObjectMapper mapper) throws ApiError {
        JsonNode body;
        try {
            byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ApiError(413, "too_large", "body is larger than " + MAX_BODY + " bytes");
            }
            body = bytes.length == 0 ? null : mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "bad_request", "body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiError(400, "bad_request", "body could not be read: " + e.getMessage());
        }
        return parse(body);
    }

    static InstallRequest parse(JsonNode body) throws ApiError {
        if (body == null || !body.isObject()) {
            throw new ApiError(400, "bad_request", "body must be a JSON object: {\"when\": \"now\"}, "
                    + "{\"when\": \"window\"} or {\"decision\": \"deny\"}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new ApiError(400, "bad_request", "unknown field '" + name + "'; allowed: decision, when");
            }
        }
        String decision = text(body, "decision");
        String when = text(body, "when");
        if (decision == null || decision.equals("install")) {
            if (when == null) {
                throw new ApiError(400, "bad_request", "when is required to install: \"now\" or \"window\"");
            }
            return switch (when) {
                case "now" -> new InstallRequest(Decision.NOW);
                case "window" -> new InstallRequest(Decision.WINDOW);
                default -> throw new ApiError(400, "bad_request", "when '" + when + "' is not one of: now, window");
            };
        }
        if (decision.equals("deny")) {
            if (when != null) {
                throw new ApiError(400, "bad_request", "when '" + when + "' does not go with decision 'deny'");
            }
            return new InstallRequest(Decision.DENY);
        }
        throw new ApiError(400, "bad_request", "decision '" + decision + "' is not one of: install, deny");
    }

    private static String text(JsonNode body, String field) throws ApiError {
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
