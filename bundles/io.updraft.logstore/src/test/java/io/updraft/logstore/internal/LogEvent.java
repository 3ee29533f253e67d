package io.updraft.logstore.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.ops4j.pax.logging.spi.PaxLevel;
import org.ops4j.pax.logging.spi.PaxLocationInfo;
import org.ops4j.pax.logging.spi.PaxLoggingEvent;
import org.osgi.service.log.LogLevel;

/** A Pax Logging event as the Pax Logging service hands it to appenders; the message may be computed on demand. */
final class LogEvent implements PaxLoggingEvent {
    private final LogLevel level;
    private final String logger;
    private final Supplier<String> message;
    private final long timeStamp;
    private final String thread;
    private final Map<String, Object> properties = new HashMap<>();
    private String[] throwable;

    LogEvent(LogLevel level, String logger, long timeStamp, String thread, Supplier<String> message) {
        this.level = level;
        this.logger = logger;
        this.timeStamp = timeStamp;
        this.thread = thread;
        this.message = message;
    }

    static LogEvent of(LogLevel level, String message) {
        return new LogEvent(level, "io.updraft.test", 1_777_000_000_123L, "main", () -> message);
    }

    LogEvent bundle(String symbolicName) {
        properties.put("bundle.id", 42L);
        properties.put("bundle.name", symbolicName);
        properties.put("bundle.version", "1.0.0");
        return this;
    }

    LogEvent throwable(String... lines) {
        throwable = lines;
        return this;
    }

    @Override
    public PaxLocationInfo getLocationInformation() {
        return null;
    }

    @Override
    public PaxLevel getLevel() {
        return new Level(level);
    }

    @Override
    public String getLoggerName() {
        return logger;
    }

    @Override
    public String getFQNOfLoggerClass() {
        return "org.ops4j.pax.logging.slf4j.Slf4jLogger";
    }

    @Override
    public String getMessage() {
        return message.get();
    }

    @Override
    public String getRenderedMessage() {
        return message.get();
    }

    @Override
    public String getThreadName() {
        return thread;
    }

    @Override
    public String[] getThrowableStrRep() {
        return throwable;
    }

    @Override
    public boolean locationInformationExists() {
        return false;
    }

    @Override
    public long getTimeStamp() {
        return timeStamp;
    }

    @Override
    public Map<String, Object> getProperties() {
        return properties;
    }

    private record Level(LogLevel level) implements PaxLevel {
        @Override
        public boolean isGreaterOrEqual(PaxLevel r) {
            return level.ordinal() <= r.toLevel().ordinal();
        }

        @Override
        public LogLevel toLevel() {
            return level;
        }

        @Override
        public int getSyslogEquivalent() {
            return switch (level) {
                case AUDIT, ERROR -> 3;
                case WARN -> 4;
                case INFO -> 6;
                default -> 7;
            };
        }
    }
}
