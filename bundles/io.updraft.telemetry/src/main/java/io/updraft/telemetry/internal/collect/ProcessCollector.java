package io.updraft.telemetry.internal.collect;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Collector;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;
import io.updraft.telemetry.internal.TelemetryConfig;
import io.updraft.config.Units;

/**
 * Figures of the agent's own process and of configured component processes, each found through its pid file.
 * A component that is not running is reported as such, not as an error.
 */
@Component(service = Collector.class, configurationPid = "io.updraft.telemetry",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ProcessCollector implements Collector {
    static final String SCHEMA = "updraft.metric.process";
    static final String SELF = "updraft-agent";
    private static final Pattern PID = Pattern.compile("[1-9][0-9]{0,9}");

    private final Path procRoot;
    private final Map<String, Path> pidFiles;
    private final Clock clock;

    @Activate
    public ProcessCollector(TelemetryConfig config) {
        this(Path.of(config.procRoot()), pidFiles(config.processes()), Clock.systemUTC());
    }

    ProcessCollector(Path procRoot, Map<String, Path> pidFiles, Clock clock) {
        this.procRoot = procRoot;
        this.pidFiles = Map.copyOf(pidFiles);
        this.clock = clock;
    }

    private static Map<String, Path> pidFiles(String[] processes) {
        Map<String, Path> out = new LinkedHashMap<>();
        Units.pairs(processes, "processes").forEach((name, file) -> {
            Path p = Path.of(file);
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException("processes " + name + " pid file '" + file + "' is not absolute");
            }
            out.put(name, p);
        });
        return out;
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public Category category() {
        return Category.PERFORMANCE;
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(1);
    }

    @Override
    public List<TelemetryEvent> collect() throws IOException {
        Instant now = clock.instant();
        List<TelemetryEvent> out = new ArrayList<>();
        out.add(event(now, SELF, ProcessFigures.read(procRoot, "self").fields()));
        for (Map.Entry<String, Path> e : pidFiles.entrySet()) {
            Optional<String> pid = SysFiles.text(e.getValue()).filter(p -> PID.matcher(p).matches());
            Map<String, Object> f = new LinkedHashMap<>();
            try {
                if (pid.isPresent()) {
                    f.putAll(ProcessFigures.read(procRoot, pid.get()).fields());
                }
            } catch (IOException gone) {
                // The pid file outlived its process.
                f.clear();
            }
            f.put("running", !f.isEmpty());
            out.add(event(now, e.getKey(), f));
        }
        return out;
    }

    private static TelemetryEvent event(Instant now, String process, Map<String, Object> figures) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("process", process);
        f.putAll(figures);
        return TelemetryEvents.draft(now, SCHEMA, 1, Category.PERFORMANCE, "sample", f);
    }
}
