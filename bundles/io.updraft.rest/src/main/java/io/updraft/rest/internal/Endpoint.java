package io.updraft.rest.internal;

import javax.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;

/** One method on one path of the API. */
@FunctionalInterface
interface Endpoint {

    /** Answers with a JSON body and status 200, or throws an {@link ApiError}. */
    JsonNode handle(HttpServletRequest request) throws ApiError;
}
