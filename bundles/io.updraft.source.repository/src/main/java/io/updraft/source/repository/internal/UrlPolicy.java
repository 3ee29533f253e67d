package io.updraft.source.repository.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Which URLs the transport may fetch from. TUF signatures protect the content on any channel, but plain HTTP lets
 * anyone on the path see what a device asks for and withhold or delay updates, so it is refused except on
 * loopback (a local mirror or test server) or when explicitly allowed for a lab.
 */
final class UrlPolicy {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    private final boolean allowInsecureHttp;

    UrlPolicy(boolean allowInsecureHttp) {
        this.allowInsecureHttp = allowInsecureHttp;
    }

    boolean allowsInsecureHttp() {
        return allowInsecureHttp;
    }

    /**
     * @throws IllegalArgumentException naming {@code what} and the URL if it may not be used
     */
    void check(URI url, String what) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException(what + " '" + url + "' must be an http:// or https:// URL");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException(what + " '" + url + "' has no host");
        }
        if (url.getRawUserInfo() != null) {
            // Credentials in a URL end up in logs and events.
            throw new IllegalArgumentException(what + " '" + url + "' must not carry user information");
        }
        if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(url)) {
            throw new IllegalArgumentException(what + " '" + url + "' uses plain http to a host other than "
                    + "127.0.0.1, localhost or ::1; use https (allowInsecureHttp=true is for lab networks only)");
        }
    }

    /**
     * Checks a redirect from {@code from} to {@code to}: the target must itself be allowed, and a redirect must
     * never leave TLS.
     */
    void checkRedirect(URI from, URI to) {
        if ("https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(to.getScheme())) {
            throw new IllegalArgumentException("redirect from " + from + " to " + to + " leaves https; refused");
        }
        check(to, "redirect target of " + from);
    }

    static boolean isLoopback(URI url) {
        return url.getHost() != null && LOOPBACK.contains(url.getHost().toLowerCase(Locale.ROOT));
    }
}
