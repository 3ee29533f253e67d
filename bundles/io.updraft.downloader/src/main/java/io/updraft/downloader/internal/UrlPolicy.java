package io.updraft.downloader.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Which URLs may be fetched from. Hashes from signed metadata protect the content on any channel, but plain HTTP
 * lets anyone on the path see what a device fetches and withhold or delay it, so it is refused except on loopback
 * (a local mirror or test server) or when explicitly allowed for a lab.
 */
final class UrlPolicy {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    private final boolean allowInsecureHttp;

    UrlPolicy(boolean allowInsecureHttp) {
        this.allowInsecureHttp = allowInsecureHttp;
    }

    /** @return why {@code url} may not be used, or null if it may */
    String refusal(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "'" + url + "' is not an http:// or https:// URL";
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            return "'" + url + "' has no host";
        }
        if (url.getRawUserInfo() != null) {
            // Credentials in a URL end up in logs, events and the persisted state.
            return "'" + url + "' carries user information";
        }
        if (scheme.equals("http") && !allowInsecureHttp && !LOOPBACK.contains(url.getHost().toLowerCase(Locale.ROOT))) {
            return "'" + url + "' uses plain http to a host other than 127.0.0.1, localhost or ::1; use https "
                    + "(allowInsecureHttp=true is for lab networks only)";
        }
        return null;
    }

    /** @return why a redirect from {@code from} to {@code to} is refused, or null if it may be followed */
    String redirectRefusal(URI from, URI to) {
        if ("https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(to.getScheme())) {
            return "redirect from " + from + " to " + to + " leaves https";
        }
        String refusal = refusal(to);
        return refusal == null ? null : "redirect from " + from + ": " + refusal;
    }

    @Override
    public String toString() {
        return allowInsecureHttp ? "plain http allowed" : "plain http on loopback only";
    }
}
