package io.updraft.installer.command.internal;

import io.updraft.install.InstallException;
import io.updraft.install.InstallService;

/** What the commands share about reaching the install service and reporting its refusals. */
final class Installs {
    /** Who the install history records as having asked, for the commands' requests. */
    static final String BY = "shell";

    private Installs() {
    }

    /** The install service, which is optional so the commands stay listed; a clear one-line error without it. */
    static InstallService require(InstallService service) {
        if (service == null) {
            throw new IllegalStateException("the installer is not installed or not running on this device "
                    + "(feature updraft-installer)");
        }
        return service;
    }

    /** A refusal as one line: the action, the reason code and the service's message naming the bad value. */
    static IllegalStateException refused(String action, InstallException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
        return new IllegalStateException(action + " refused [" + e.reason() + "]: " + message, e);
    }
}
