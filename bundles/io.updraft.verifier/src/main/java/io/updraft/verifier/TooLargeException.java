package io.updraft.verifier;

import java.io.IOException;

/** A transport read more than the allowed number of bytes and stopped. */
public class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    public TooLargeException(String what, long limit) {
        super(what + " is larger than the allowed " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
