package io.updraft.rest.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST install}: {@code {"when": "now"|"window"}} to install (optionally with
 * {@code "decision": "install"}), {@code {"decision": "deny"}} to decline, or {@code {"file": "/abs/path.updraft",
 * "repository": "production"}} to install a package from local storage. Anything else is refused rather than
 * guessed at: a wrong guess here installs or declines an update on a device.
 *
 * @param file with {@link Decision#FILE}: the absolute package path; else null
 * @param repository with {@link Decision#FILE}: the repository whose pinned root must have signed it; else null
 */
record InstallRequest(Decision decision, Path file, String repository) {
    /** What the user decided. */
    enum Decision { NOW, WINDOW, DENY, FILE }

    private static final Set<String> FIELDS = Set.of("decision", "when", "file", "repository");
    /** The repository configured by default (config/io.updraft.source.repository-production.cfg). */
    static final String DEFAULT_REPOSITORY = "production";
    private static final String REPOSITORY_NAME = "[a-z0-9][a-z0-9_-]{0,63}";
    static final int MAX_BODY = RequestBody.MAX_BODY;

    InstallRequest(Decision decision) {
        this(decision, null, null);
    }

    /** Whether the body asks for a package file to be installed, which the installer does, not the scheduler. */
    static boolean isFile(JsonNode body) {
        return body != null && body.isObject() && body.has("file");
    }

    static InstallRequest parse(JsonNode body) throws ApiError {
        if (body == null || !body.isObject()) {
            throw new ApiError(400, "bad_request", "body must be a JSON object: {\"when\": \"now\"}, "
                    + "{\"when\": \"window\"}, {\"decision\": \"deny\"} or {\"file\": \"/path/to/package.updraft\"}");
        }
        RequestBody.onlyFields(body, FIELDS);
        String decision = RequestBody.text(body, "decision");
        String when = RequestBody.text(body, "when");
        if (body.has("file")) {
            return file(body, decision, when);
        }
        if (body.has("repository")) {
            throw new ApiError(400, "bad_request", "repository goes only with file");
        }
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

    private static InstallRequest file(JsonNode body, String decision, String when) throws ApiError {
        if (decision != null || when != null) {
            throw new ApiError(400, "bad_request", "file installs the package now and does not go with "
                    + (decision != null ? "decision '" + decision + "'" : "when '" + when + "'"));
        }
        String file = RequestBody.text(body, "file");
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new ApiError(400, "bad_request", "file '" + file + "' is not a path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw new ApiError(400, "bad_request", "file '" + file + "' must be an absolute path");
        }
        String repository = RequestBody.text(body, "repository");
        if (repository == null) {
            repository = DEFAULT_REPOSITORY;
        } else if (!repository.matches(REPOSITORY_NAME)) {
            throw new ApiError(400, "bad_request", "repository '" + repository
                    + "' is not a repository name (a-z, 0-9, '_', '-')");
        }
        return new InstallRequest(Decision.FILE, path, repository);
    }
}
