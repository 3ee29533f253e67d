package io.updraft.source.repository.internal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Locale;

import io.updraft.update.SourceException;
import io.updraft.verifier.TooLargeException;
import io.updraft.verifier.VerificationException;

/**
 * Maps what a refresh can throw to {@link SourceException} codes. Only network trouble and slow transfers are
 * worth retrying on their own; a failed check means the repository (or someone in between) is serving something
 * that must not be trusted until it changes.
 */
final class SourceFailures {
    static final String UNREACHABLE = "unreachable";

    private SourceFailures() {
    }

    /** @param where names the source and its URL, e.g. {@code repository production (https://...)} */
    static SourceException of(String where, VerificationException e) {
        VerificationException.Reason reason = e.reason();
        return new SourceException(reason.name().toLowerCase(Locale.ROOT), where + ": " + e.getMessage(),
                reason == VerificationException.Reason.SLOW_RETRIEVAL, e);
    }

    static SourceException of(String where, IOException e) {
        if (e instanceof TooLargeException) {
            return new SourceException(code(VerificationException.Reason.TOO_LARGE), where + ": " + e.getMessage(),
                    false, e);
        }
        if (e instanceof SocketTimeoutException) {
            return new SourceException(code(VerificationException.Reason.SLOW_RETRIEVAL),
                    where + ": " + e.getMessage(), true, e);
        }
        return new SourceException(UNREACHABLE, where + ": " + e.getMessage(), true, e);
    }

    /** Metadata that names a file the transport cannot put in a URL. */
    static SourceException of(String where, IllegalArgumentException e) {
        return new SourceException(code(VerificationException.Reason.MALFORMED), where + ": " + e.getMessage(),
                false, e);
    }

    private static String code(VerificationException.Reason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }
}
