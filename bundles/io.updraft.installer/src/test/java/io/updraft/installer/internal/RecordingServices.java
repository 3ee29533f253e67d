package io.updraft.installer.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.updraft.install.ComponentSpec;
import io.updraft.install.ServiceControl;
import io.updraft.install.ServiceStatus;

/** Service control that records what it was asked to do, in order, taking {@code delayMs} as a real one would. */
final class RecordingServices implements ServiceControl {
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Components whose services run: started and not stopped since (cleared to play a reboot). */
    final java.util.Set<String> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final long delayMs;

    RecordingServices() {
        this(0);
    }

    RecordingServices(long delayMs) {
        this.delayMs = delayMs;
    }

    @Override
    public void stop(ComponentSpec component) throws InterruptedException {
        calls.add("stop " + component.name());
        running.remove(component.name());
        Thread.sleep(delayMs);
    }

    @Override
    public void start(ComponentSpec component, Path activeSlot) throws InterruptedException {
        calls.add("start " + component.name() + " " + activeSlot.getFileName());
        running.add(component.name());
        Thread.sleep(delayMs);
    }

    @Override
    public List<ServiceStatus> status(ComponentSpec component) {
        boolean up = running.contains(component.name());
        return component.services().stream().map(s -> new ServiceStatus(component.name(), s.name(), "supervisor", up,
                up ? 4242 : -1, up ? java.time.Instant.EPOCH : null, 0, up ? "running" : "exited")).toList();
    }
}
