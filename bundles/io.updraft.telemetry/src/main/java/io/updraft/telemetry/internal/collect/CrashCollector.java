package io.updraft.telemetry.internal.collect;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Collector;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;
import io.updraft.telemetry.TelemetryException;
import io.updraft.telemetry.TelemetryService;

/**
 * Crash reports: exceptions no thread caught, bundles the framework reports as failed (FrameworkEvent.ERROR, e.g.
 * an activator that threw) and bundles that lost their wiring. The JVM-wide uncaught-exception handler is chained:
 * the previous one still runs, and is put back on deactivation if no one replaced this one meanwhile.
 */
@Component(service = Collector.class, immediate = true)
public final class CrashCollector implements Collector, FrameworkListener, BundleListener {
    static final String SCHEMA = "updraft.crash";
    static final int MAX_FRAMES = 30;
    private static final Logger LOG = LoggerFactory.getLogger(CrashCollector.class);

    private final TelemetryService telemetry;
    private final BundleContext context;
    private final Clock clock;
    private final Thread.UncaughtExceptionHandler previous;
    private final Thread.UncaughtExceptionHandler handler = this::uncaught;

    @Activate
    public CrashCollector(@Reference TelemetryService telemetry, BundleContext context) {
        this(telemetry, context, Clock.systemUTC());
    }

    CrashCollector(TelemetryService telemetry, BundleContext context, Clock clock) {
        this.telemetry = telemetry;
        this.context = context;
        this.clock = clock;
        this.previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(handler);
        if (context != null) {
            context.addFrameworkListener(this);
            context.addBundleListener(this);
        }
    }

    @Deactivate
    void deactivate() {
        if (context != null) {
            context.removeFrameworkListener(this);
            context.removeBundleListener(this);
        }
        if (Thread.getDefaultUncaughtExceptionHandler() == handler) {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    @Override
    public String name() {
        return "crash";
    }

    @Override
    public Category category() {
        return Category.CRASH;
    }

    @Override
    public Duration interval() {
        return Duration.ZERO;
    }

    @Override
    public List<TelemetryEvent> collect() {
        return List.of();
    }

    void uncaught(Thread thread, Throwable error) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("thread", thread.getName());
        f.putAll(describe(error));
        record("uncaught-exception", f);
        if (previous != null) {
            previous.uncaughtException(thread, error);
        }
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() != FrameworkEvent.ERROR) {
            return;
        }
        Map<String, Object> f = bundle(event.getBundle());
        if (event.getThrowable() != null) {
            f.putAll(describe(event.getThrowable()));
        }
        record("bundle-error", f);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.UNRESOLVED) {
            record("bundle-unresolved", bundle(event.getBundle()));
        }
    }

    private static Map<String, Object> bundle(Bundle b) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (b != null) {
            f.put("bundle", String.valueOf(b.getSymbolicName()));
            f.put("bundleVersion", b.getVersion().toString());
        }
        return f;
    }

    static Map<String, Object> describe(Throwable error) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("exception", error.getClass().getName());
        f.put("message", String.valueOf(error.getMessage()));
        List<Object> frames = new ArrayList<>();
        for (StackTraceElement e : error.getStackTrace()) {
            if (frames.size() == MAX_FRAMES) {
                break;
            }
            frames.add(e.toString());
        }
        f.put("stack", frames);
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != error) {
            f.put("rootCause", root.getClass().getName() + ": " + root.getMessage());
        }
        return f;
    }

    private void record(String type, Map<String, Object> fields) {
        try {
            telemetry.publish(TelemetryEvents.draft(clock.instant(), SCHEMA, 1, Category.CRASH, type, fields));
        } catch (TelemetryException | RuntimeException e) {
            LOG.warn("Cannot record a {} crash report", type, e);
        }
    }
}
