package io.updraft.source.repository.internal;

import java.net.SocketTimeoutException;

/** A transfer stalled, fell below the minimum rate or passed its deadline, and was abandoned. */
final class SlowRetrievalException extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    SlowRetrievalException(String message) {
        super(message);
    }
}
