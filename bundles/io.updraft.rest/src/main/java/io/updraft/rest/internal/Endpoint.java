package io.updraft.rest.internal;

import javax.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;

/** One method on one path of the API. */
@FunctionalInterface
interface Endpoint {
    /** Request attribute through which an endpoint answers with another success status than 200. */
    String STATUS = "io.updraft.rest.status";

    /** Answers with a JSON body and status 200 (or the one set by {@link #status}), or throws an {@link ApiError}. */
    JsonNode handle(HttpServletRequest request) throws ApiError;

    /** Makes the answer to this request have {@code status}, e.g. 202 for work started but not done. */
    static void status(HttpServletRequest request, int status) {
        request.setAttribute(STATUS, status);
    }
}
