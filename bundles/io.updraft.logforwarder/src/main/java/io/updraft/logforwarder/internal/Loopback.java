package io.updraft.logforwarder.internal;

import java.util.Locale;
import java.util.Set;

/** The hosts to which plain (unencrypted) transport is allowed without allowInsecure: the traffic never leaves the device. */
final class Loopback {
    private static final Set<String> HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private Loopback() {
    }

    static boolean is(String host) {
        return host != null && HOSTS.contains(host.toLowerCase(Locale.ROOT));
    }
}
