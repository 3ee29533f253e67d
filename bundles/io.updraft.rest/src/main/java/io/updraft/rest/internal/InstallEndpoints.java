package io.updraft.rest.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.install.InstallException;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallService;
import io.updraft.update.Names;

/**
 * {@code POST commit}, {@code POST rollback}, {@code GET history}: the installer's decisions and record. Commit
 * and rollback answer the resulting history record once they are done; a rollback blocks the request for the time
 * it takes (restoring a slot and restarting services: seconds), which keeps its outcome in the answer. 503
 * {@code unavailable} without an installer; the installer's refusals map by {@link #error}.
 */
final class InstallEndpoints {
    /** Who the history records as having asked, for requests over this API. */
    static final String BY = "rest";
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;
    private static final String SNAPSHOT_ID = "[A-Za-z0-9][A-Za-z0-9._+-]{0,199}";

    private final Supplier<InstallService> installer;
    private final ObjectMapper mapper;

    InstallEndpoints(Supplier<InstallService> installer, ObjectMapper mapper) {
        this.installer = installer;
        this.mapper = mapper;
    }

    /** Path below the API's base to its method-to-endpoint routes. */
    Map<String, Map<String, Endpoint>> routes() {
        return Map.of(
                "/commit", Map.of("POST", this::commit),
                "/rollback", Map.of("POST", this::rollback),
                "/history", Map.of("GET", this::history));
    }

    private JsonNode commit(HttpServletRequest request) throws ApiError {
        InstallService s = service(installer);
        JsonNode body = RequestBody.read(request, mapper);
        if (body != null) {
            requireObject(body, "{} or no body");
            RequestBody.onlyFields(body, Set.of());
        }
        try {
            return InstallJson.record(s.commit(BY));
        } catch (InstallException e) {
            throw error(e);
        }
    }

    private JsonNode rollback(HttpServletRequest request) throws ApiError {
        InstallService s = service(installer);
        JsonNode body = RequestBody.read(request, mapper);
        String component = null;
        String snapshot = null;
        if (body != null) {
            requireObject(body, "{\"component\": \"app\", \"snapshot\": \"ID\"}, both optional");
            RequestBody.onlyFields(body, Set.of("component", "snapshot"));
            component = RequestBody.text(body, "component");
            snapshot = RequestBody.text(body, "snapshot");
        }
        if (component != null) {
            try {
                Names.requireComponentName(component);
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "bad_request", e.getMessage());
            }
        }
        if (snapshot != null) {
            if (component == null) {
                throw new ApiError(400, "bad_request", "snapshot '" + snapshot + "' needs the component it belongs to");
            }
            if (!snapshot.matches(SNAPSHOT_ID)) {
                throw new ApiError(400, "bad_request", "snapshot '" + snapshot + "' is not a snapshot id");
            }
        }
        try {
            return InstallJson.record(s.rollback(component, snapshot, BY));
        } catch (InstallException e) {
            throw error(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted", "the device is shutting down; the rollback is finished at its next start");
        }
    }

    private JsonNode history(HttpServletRequest request) throws ApiError {
        InstallService s = service(installer);
        String text = request.getParameter("limit");
        int limit = DEFAULT_LIMIT;
        if (text != null) {
            try {
                limit = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new ApiError(400, "bad_request", "limit '" + text + "' is not a number from 1 to " + MAX_LIMIT);
            }
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode list = root.putArray("history");
        for (InstallRecord r : s.history(limit)) {
            list.add(InstallJson.record(r));
        }
        return root;
    }

    private static void requireObject(JsonNode body, String expected) throws ApiError {
        if (!body.isObject()) {
            throw new ApiError(400, "bad_request", "body must be a JSON object: " + expected);
        }
    }

    static InstallService service(Supplier<InstallService> installer) throws ApiError {
        InstallService s = installer.get();
        if (s == null) {
            throw new ApiError(503, "unavailable", "the installer is not installed or not running on this device");
        }
        return s;
    }

    /**
     * 409 when the device state does not allow it now ({@code busy}, {@code nothing_to_commit}), 404 for what does not
     * exist ({@code unknown_component}, {@code no_snapshot}), 422 for a package that cannot be installed
     * ({@code bad_package}, {@code unsafe_archive}), 500 for failures on the device; the code is the reason in lower case.
     */
    static ApiError error(InstallException e) {
        int status = switch (e.reason()) {
            case NOTHING_TO_COMMIT, BUSY -> 409;
            case UNKNOWN_COMPONENT, NO_SNAPSHOT -> 404;
            case BAD_PACKAGE, UNSAFE_ARCHIVE -> 422;
            case NO_SPACE, STAGE_FAILED, VERIFY_FAILED, SERVICE_FAILED, HEALTH_FAILED, MIGRATION_FAILED, IO -> 500;
        };
        return new ApiError(status, e.reason().name().toLowerCase(Locale.ROOT), e.getMessage());
    }
}
