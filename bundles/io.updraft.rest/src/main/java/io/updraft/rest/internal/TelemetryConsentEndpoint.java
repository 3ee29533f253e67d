package io.updraft.rest.internal;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Consent;
import io.updraft.telemetry.ConsentService;
import io.updraft.telemetry.TelemetryException;

/**
 * {@code GET|PUT telemetry/consent}: the consent per category, and changes to it. A PUT body is
 * {@code {"policyVersion": N, "grant": [...], "withdraw": [...]}}; {@code policyVersion} is the version of the
 * policy the user was shown and is required when granting. A withdrawal has purged stored events when it answers.
 */
final class TelemetryConsentEndpoint {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> FIELDS = Set.of("policyVersion", "grant", "withdraw");
    /** Bodies are a few hundred bytes; anything much larger is not a consent change. */
    static final int MAX_BODY = 16 * 1024;

    private final Supplier<ConsentService> consent;
    private final ObjectMapper mapper;

    TelemetryConsentEndpoint(Supplier<ConsentService> consent, ObjectMapper mapper) {
        this.consent = consent;
        this.mapper = mapper;
    }

    Map<String, Endpoint> routes() {
        return Map.of("GET", this::get, "PUT", this::put);
    }

    private ConsentService service() throws ApiError {
        ConsentService s = consent.get();
        if (s == null) {
            throw new ApiError(503, "unavailable", "telemetry is not installed or not running on this device");
        }
        return s;
    }

    JsonNode get(HttpServletRequest request) throws ApiError {
        return describe(service());
    }

    JsonNode put(HttpServletRequest request) throws ApiError {
        ConsentService s = service();
        JsonNode body = body(request);
        Set<Category> grant = categories(body, "grant");
        Set<Category> withdraw = categories(body, "withdraw");
        JsonNode version = body.get("policyVersion");
        int policyVersion;
        if (version == null) {
            if (!grant.isEmpty()) {
                throw new ApiError(400, "bad_request", "policyVersion is required when granting: send the version "
                        + "of the policy the user agreed to (current: " + s.policyVersion() + ")");
            }
            policyVersion = s.policyVersion();
        } else if (!version.canConvertToInt() || !version.isIntegralNumber() || version.intValue() < 1) {
            throw new ApiError(400, "bad_request", "policyVersion " + version + " is not a positive integer");
        } else {
            policyVersion = version.intValue();
        }
        if (grant.isEmpty() && withdraw.isEmpty()) {
            throw new ApiError(400, "bad_request", "nothing to change: give 'grant' and/or 'withdraw' categories");
        }
        if (!grant.isEmpty() && policyVersion != s.policyVersion()) {
            throw new ApiError(409, "policy_changed", "consent was given for policy version " + policyVersion
                    + " but the policy in force is version " + s.policyVersion() + "; show it and ask again");
        }
        try {
            s.change(policyVersion, grant, withdraw);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "bad_request", e.getMessage());
        } catch (TelemetryException e) {
            throw new ApiError(500, "consent_not_stored", e.getMessage());
        }
        return describe(s);
    }

    private JsonNode body(HttpServletRequest request) throws ApiError {
        JsonNode body;
        try {
            byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ApiError(413, "too_large", "body is larger than " + MAX_BODY + " bytes");
            }
            body = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "bad_request", "body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiError(400, "bad_request", "body could not be read: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new ApiError(400, "bad_request", "body must be a JSON object with policyVersion, grant, withdraw");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new ApiError(400, "bad_request", "unknown field '" + name + "'; allowed: policyVersion, grant, withdraw");
            }
        }
        return body;
    }

    private static Set<Category> categories(JsonNode body, String field) throws ApiError {
        Set<Category> out = EnumSet.noneOf(Category.class);
        JsonNode list = body.get(field);
        if (list == null) {
            return out;
        }
        if (!list.isArray()) {
            throw new ApiError(400, "bad_request", field + " must be an array of category names, got " + list);
        }
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                throw new ApiError(400, "bad_request", field + " holds " + item + ", not a category name");
            }
            try {
                out.add(Category.parse(item.asText()));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "bad_request", field + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static JsonNode describe(ConsentService s) {
        ObjectNode root = JSON.objectNode();
        root.put("policyVersion", s.policyVersion());
        ArrayNode list = root.putArray("categories");
        for (Consent c : s.consents()) {
            ObjectNode o = list.addObject()
                    .put("category", c.category().id())
                    .put("personal", c.category().personal())
                    .put("status", c.status().name().toLowerCase(Locale.ROOT))
                    .put("allowed", c.allowed());
            if (c.decidedAt() == null) {
                o.putNull("decidedAt");
                o.putNull("policyVersion");
            } else {
                o.put("decidedAt", c.decidedAt().toString());
                o.put("policyVersion", c.policyVersion());
            }
        }
        return root;
    }
}
