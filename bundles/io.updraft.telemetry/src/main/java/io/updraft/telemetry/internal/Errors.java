package io.updraft.telemetry.internal;

/**
 * Describes a failure for the log and for status displays without its messages: collectors and the anonymizer
 * handle personal data, and their exceptions often quote it (a path under /home, an address that did not parse).
 */
final class Errors {
    private static final int MAX_CAUSES = 4;

    private Errors() {
    }

    /** The exception's class, where it was thrown and the classes of its causes, e.g. for the log. */
    static String describe(Throwable error) {
        StringBuilder b = new StringBuilder(error.getClass().getName());
        StackTraceElement[] frames = error.getStackTrace();
        if (frames.length > 0) {
            b.append(" at ").append(frames[0].getClassName()).append('.').append(frames[0].getMethodName());
            if (frames[0].getLineNumber() > 0) {
                b.append(':').append(frames[0].getLineNumber());
            }
        }
        Throwable cause = error.getCause();
        for (int i = 0; cause != null && cause != error && i < MAX_CAUSES; i++) {
            b.append(", caused by ").append(cause.getClass().getName());
            cause = cause.getCause();
        }
        return b.toString();
    }

    /** The exception with its messages and its root cause's, for text the anonymizer scrubs before it is shown. */
    static String withMessages(Throwable error) {
        Throwable root = error;
        for (int i = 0; root.getCause() != null && root.getCause() != root && i < MAX_CAUSES; i++) {
            root = root.getCause();
        }
        return root == error ? error.toString() : error + " (caused by " + root + ")";
    }
}
