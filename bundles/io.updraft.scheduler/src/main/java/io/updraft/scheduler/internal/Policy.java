package io.updraft.scheduler.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;

import io.updraft.scheduler.When;

/**
 * When one release may be downloaded and installed.
 *
 * @param download when its download may run
 * @param install when its install may run
 * @param window the maintenance window that {@link When#WINDOW} means
 * @param confirmationTimeout how long a question to the user stays open
 * @param installOnTimeout whether an unanswered question installs ({@code confirmationDefault=install}) or
 *        declines the update
 */
record Policy(When download, When install, Window window, Duration confirmationTimeout, boolean installOnTimeout) {
    static final String INSTALL = "install";
    static final String DENY = "deny";

    /**
     * The policy of an update of several releases: the strictest of theirs (confirm over window over now, the
     * shortest timeout, deny over install), with the window of the first that waits for one.
     */
    static Policy combine(Collection<Policy> policies) {
        Policy result = null;
        for (Policy p : policies) {
            if (result == null) {
                result = p;
                continue;
            }
            boolean firstWaits = result.download == When.WINDOW || result.install == When.WINDOW;
            boolean thisWaits = p.download == When.WINDOW || p.install == When.WINDOW;
            result = new Policy(stricter(result.download, p.download), stricter(result.install, p.install),
                    !firstWaits && thisWaits ? p.window : result.window,
                    result.confirmationTimeout.compareTo(p.confirmationTimeout) <= 0 ? result.confirmationTimeout
                            : p.confirmationTimeout,
                    result.installOnTimeout && p.installOnTimeout);
        }
        if (result == null) {
            throw new IllegalArgumentException("an update needs at least one release");
        }
        return result;
    }

    private static When stricter(When a, When b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** Parses {@code now}, {@code window} or {@code confirm}; the message names the attribute and the text. */
    static When when(String attribute, String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "now":
                return When.NOW;
            case "window":
                return When.WINDOW;
            case "confirm":
                return When.CONFIRM;
            default:
                throw new IllegalArgumentException(attribute + " '" + text + "' must be now, window or confirm");
        }
    }

    /** Parses {@code install} or {@code deny} into "install on timeout". */
    static boolean installOnTimeout(String attribute, String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (INSTALL.equals(t)) {
            return true;
        }
        if (DENY.equals(t)) {
            return false;
        }
        throw new IllegalArgumentException(attribute + " '" + text + "' must be install or deny");
    }
}
