package io.updraft.logforwarder.internal;

import java.util.Locale;

/** The wire protocols a destination speaks. */
enum Protocol {
    OTLP_HTTP("otlp-http"), SYSLOG_TLS("syslog-tls");

    private final String id;

    Protocol(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    static Protocol parse(String value, String what) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (Protocol p : values()) {
            if (p.id.equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException(what + " '" + value + "' must be otlp-http or syslog-tls");
    }
}
