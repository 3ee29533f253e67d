package io.updraft.logforwarder.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.updraft.config.Units;

/** {@link ForwarderConfig} checked once; every error names the setting and the bad value. */
record Settings(String name, Protocol protocol, URI url, Path home, StreamFilter streams, Optional<Path> caFile,
        Optional<Path> clientCertFile, Optional<Path> clientKeyFile, Optional<Path> tokenFile, int batchMaxRecords,
        long batchMaxBytes, Duration batchMaxDelay, boolean gzip, long rateLimit, MeteredPolicy meteredPolicy,
        Duration retryDelay, Duration maxRetryDelay, Duration timeout, boolean allowInsecure, String appName,
        String hostname, int facility, int sdEnterpriseNumber, Duration confirmDelay,
        int maxUnconfirmedRecords) {

    static final String PID = "io.updraft.logforwarder";
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]+");
    private static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
            "news", "uucp", "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock", "local0", "local1", "local2",
            "local3", "local4", "local5", "local6", "local7");

    static Settings of(ForwarderConfig c) {
        String name = c.name() == null ? "" : c.name().strip();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(PID + " name '" + c.name() + "' must match " + NAME.pattern());
        }
        String where = PID + "-" + name + " ";
        Protocol protocol = Protocol.parse(c.protocol(), where + "protocol");
        URI url = url(where + "url", c.url(), protocol, c.allowInsecure());
        Optional<Path> cert = optionalPath(where + "clientCertFile", c.clientCertFile());
        Optional<Path> key = optionalPath(where + "clientKeyFile", c.clientKeyFile());
        if (cert.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException(where + "clientCertFile '" + c.clientCertFile() + "' and clientKeyFile '"
                    + c.clientKeyFile() + "' must be given together for mutual TLS");
        }
        Optional<Path> token = optionalPath(where + "tokenFile", c.tokenFile());
        if (token.isPresent() && protocol != Protocol.OTLP_HTTP) {
            throw new IllegalArgumentException(where + "tokenFile '" + c.tokenFile() + "' applies to otlp-http only; "
                    + "syslog-tls authenticates with clientCertFile and clientKeyFile");
        }
        Duration retry = positive(where + "retryDelay", c.retryDelay());
        Duration maxRetry = positive(where + "maxRetryDelay", c.maxRetryDelay());
        if (maxRetry.compareTo(retry) < 0) {
            throw new IllegalArgumentException(where + "maxRetryDelay '" + c.maxRetryDelay()
                    + "' must not be shorter than retryDelay '" + c.retryDelay() + "'");
        }
        int batchMaxRecords = (int) range(where + "batchMaxRecords", c.batchMaxRecords(), 1, 100_000);
        // A window smaller than a batch could never let a batch go.
        int maxUnconfirmed = (int) range(where + "maxUnconfirmedRecords", c.maxUnconfirmedRecords(), batchMaxRecords,
                10_000_000);
        return new Settings(name, protocol, url, absolute(where + "home", c.home()),
                StreamFilter.of(c.streams(), where + "streams"), optionalPath(where + "caFile", c.caFile()), cert, key,
                token, batchMaxRecords,
                range(where + "batchMaxBytes", Units.size(c.batchMaxBytes(), where + "batchMaxBytes"), 1024,
                        64L * 1024 * 1024),
                positive(where + "batchMaxDelay", c.batchMaxDelay()), compression(where, c.compression()),
                range(where + "rateLimit", c.rateLimit(), 0, Long.MAX_VALUE),
                MeteredPolicy.parse(c.meteredPolicy(), where + "meteredPolicy"), retry, maxRetry,
                positive(where + "timeout", c.timeout()), c.allowInsecure(),
                printable(where + "appName", c.appName(), 48, false), printable(where + "hostname", c.hostname(), 255, true),
                facility(where + "facility", c.facility()),
                (int) range(where + "sdEnterpriseNumber", c.sdEnterpriseNumber(), 1, Integer.MAX_VALUE),
                positive(where + "confirmDelay", c.confirmDelay()), maxUnconfirmed);
    }

    /** Whether the transport is TLS (https, tls); otherwise plain and allowed only by {@link #url}'s policy. */
    boolean tls() {
        return url.getScheme().equals("https") || url.getScheme().equals("tls");
    }

    private static URI url(String what, String value, Protocol protocol, boolean allowInsecure) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " '" + value + "' must not be empty");
        }
        URI url;
        try {
            url = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " '" + value + "' is not a valid URL: " + e.getReason(), e);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        List<String> schemes = protocol == Protocol.OTLP_HTTP ? List.of("https", "http") : List.of("tls", "tcp");
        if (!schemes.contains(scheme)) {
            throw new IllegalArgumentException(what + " '" + value + "' must be a " + schemes.get(0) + ":// URL ("
                    + schemes.get(1) + ":// only to loopback) for protocol " + protocol.id());
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException(what + " '" + value + "' has no host");
        }
        if (url.getRawUserInfo() != null) {
            // Credentials in a URL end up in logs; they belong in tokenFile or the client certificate.
            throw new IllegalArgumentException(what + " '" + value + "' must not carry user information");
        }
        if (protocol == Protocol.SYSLOG_TLS && (url.getPort() < 0 || !(url.getRawPath() == null
                || url.getRawPath().isEmpty()) || url.getRawQuery() != null)) {
            throw new IllegalArgumentException(what + " '" + value + "' must be host and port only, e.g. tls://relay:6514");
        }
        boolean plain = scheme.equals("http") || scheme.equals("tcp");
        if (plain && !allowInsecure && !Loopback.is(url.getHost())) {
            throw new IllegalArgumentException(what + " '" + value + "' is unencrypted to a host other than "
                    + "127.0.0.1, localhost or ::1; use " + schemes.get(0) + ":// (allowInsecure=true is for lab "
                    + "networks only)");
        }
        return URI.create(scheme + url.toString().substring(url.getScheme().length()));
    }

    private static boolean compression(String where, String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("gzip")) {
            return true;
        }
        if (v.equals("none")) {
            return false;
        }
        throw new IllegalArgumentException(where + "compression '" + value + "' must be gzip or none");
    }

    private static int facility(String what, String value) {
        int i = FACILITIES.indexOf(value == null ? "" : value.strip().toLowerCase(Locale.ROOT));
        if (i < 0) {
            throw new IllegalArgumentException(what + " '" + value + "' is not a syslog facility; valid: " + FACILITIES);
        }
        return i;
    }

    private static String printable(String what, String value, int max, boolean emptyAllowed) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() && emptyAllowed) {
            return v;
        }
        if (v.length() > max || !PRINTABLE.matcher(v).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must be 1-" + max
                    + " printable ASCII characters without spaces (RFC 5424)");
        }
        return v;
    }

    private static Duration positive(String what, String value) {
        Duration d = Units.duration(value, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " '" + value + "' must be longer than zero");
        }
        return d;
    }

    private static long range(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " '" + value + "' must be between " + min + " and " + max);
        }
        return value;
    }

    private static Optional<Path> optionalPath(String what, String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(absolute(what, value));
    }

    private static Path absolute(String what, String value) {
        return Units.absolutePath(value, what);
    }
}
