package io.updraft.logforwarder.internal;

import java.util.Locale;

/** The severity of an outgoing record, with its OTLP SeverityNumber and its RFC 5424 severity. */
enum Level {
    TRACE(1, 7), DEBUG(5, 7), INFO(9, 6), WARN(13, 4), ERROR(17, 3), FATAL(21, 2);

    private final int otlp;
    private final int syslog;

    Level(int otlp, int syslog) {
        this.otlp = otlp;
        this.syslog = syslog;
    }

    int otlpNumber() {
        return otlp;
    }

    int syslogSeverity() {
        return syslog;
    }

    /** The level a log entry names; the names of the common logging frameworks are understood, anything else is INFO. */
    static Level of(String name) {
        switch (name == null ? "" : name.strip().toUpperCase(Locale.ROOT)) {
            case "TRACE":
            case "FINEST":
            case "FINER":
                return TRACE;
            case "DEBUG":
            case "FINE":
            case "CONFIG":
                return DEBUG;
            case "WARN":
            case "WARNING":
                return WARN;
            case "ERROR":
            case "SEVERE":
                return ERROR;
            case "FATAL":
            case "CRITICAL":
                return FATAL;
            default:
                return INFO;
        }
    }
}
