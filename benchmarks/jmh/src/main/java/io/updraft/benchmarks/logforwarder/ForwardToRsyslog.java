package io.updraft.benchmarks.logforwarder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.util.converter.Converters;

import io.updraft.anonymizer.internal.AnonymizerComponent;
import io.updraft.anonymizer.internal.AnonymizerConfig;
import io.updraft.logforwarder.internal.ForwarderComponent;
import io.updraft.logforwarder.internal.ForwarderConfig;
import io.updraft.logstore.internal.FileLogStore;
import io.updraft.logstore.internal.LogStoreConfig;
import io.updraft.product.DeviceIdentity;

/**
 * The real log forwarder (its component, wired as Declarative Services wires it: the real anonymizer with its
 * default rules, consent for diagnostics on by default) forwarding N log entries appended to a real
 * {@link FileLogStore} (stream {@code log}) to a syslog relay over TLS, timed from the first append until the
 * relay's output file holds N lines. Prints: records, seconds, records/s, the forwarder thread's CPU per 1,000
 * records, the process's CPU per 1,000 records without the appending thread, and the append rate of the store.
 * Arguments after the fixed ones are forwarder settings ({@code key=value}) over the defaults.
 */
public final class ForwardToRsyslog {
    private ForwardToRsyslog() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: ForwardToRsyslog RECORDS PORT CA_FILE OUTPUT_FILE HOME [setting=value...]");
            System.exit(2);
        }
        long records = Long.parseLong(args[0]);
        String home = Path.of(args[4]).toAbsolutePath().toString();
        LineCounter received = new LineCounter(Path.of(args[3]));
        // Room for the whole backlog: the default retention of the log stream (8 MiB) is for a device, not this.
        FileLogStore store = new FileLogStore(Converters.standardConverter().convert(Map.of("home", home,
                "minFreeBytes", "0", "minFreePercent", "0", "maxTotalBytes", "1GiB",
                "retention", new String[] {"log: age=14d, size=512MiB, count=10000000"})).to(LogStoreConfig.class));
        Map<String, Object> config = new HashMap<>();
        config.put("name", "bench");
        config.put("protocol", "syslog-tls");
        config.put("url", "tls://127.0.0.1:" + args[1]);
        config.put("home", home);
        config.put("caFile", Path.of(args[2]).toAbsolutePath().toString());
        config.put("streams", new String[] {"log"});
        for (int i = 5; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv.length != 2 || kv[0].isEmpty()) {
                throw new IllegalArgumentException("forwarder setting '" + args[i] + "' is not key=value");
            }
            config.put(kv[0], kv[1]);
        }
        AnonymizerComponent anonymizer = new AnonymizerComponent(Converters.standardConverter()
                .convert(Map.of("home", home)).to(AnonymizerConfig.class));
        ForwarderComponent forwarder = new ForwarderComponent(
                Converters.standardConverter().convert(config).to(ForwarderConfig.class), store,
                () -> new DeviceIdentity("bench-device", "generated", "robot", "configured", "rev-b"), bundleContext());
        inject(forwarder, "anonymizer", anonymizer);
        inject(forwarder, "consent", new FixedConsent());

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long forwarderThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("updraft-logforwarder-bench")).findFirst().orElseThrow().getId();
        long forwarderCpu0 = threads.getThreadCpuTime(forwarderThread);
        long processCpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        long appendCpu0 = threads.getCurrentThreadCpuTime();
        for (long i = 1; i <= records; i++) {
            store.append("log", Instant.now(), LogLines.entry(i, Instant.now()));
        }
        long appendCpu = threads.getCurrentThreadCpuTime() - appendCpu0;
        double appendSeconds = (System.nanoTime() - start) / 1e9;
        long end = received.await(records, 30_000);
        double seconds = (end - start) / 1e9;
        long forwarderCpu = threads.getThreadCpuTime(forwarderThread) - forwarderCpu0;
        long processCpu = os.getProcessCpuTime() - processCpu0 - appendCpu;
        Method deactivate = ForwarderComponent.class.getDeclaredMethod("deactivate");
        deactivate.setAccessible(true);
        deactivate.invoke(forwarder);
        store.close();
        double perThousand = records / 1000.0;
        System.out.printf("%d %.3f %.0f %.0f %.0f %.0f%n", records, seconds, records / seconds,
                forwarderCpu / perThousand / 1e3, processCpu / perThousand / 1e3, records / appendSeconds);
    }

    /** Sets a field reference as Declarative Services does for the component's optional dynamic references. */
    private static void inject(Object component, String field, Object service) throws ReflectiveOperationException {
        Field f = component.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(component, service);
    }

    /** The component asks its bundle context for nothing but the bundle's version. */
    private static BundleContext bundleContext() {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> {
                    if (m.getName().equals("getVersion")) {
                        return new Version(0, 1, 0);
                    }
                    throw new UnsupportedOperationException("Bundle." + m.getName());
                });
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, a) -> {
                    if (m.getName().equals("getBundle") && (a == null || a.length == 0)) {
                        return bundle;
                    }
                    throw new UnsupportedOperationException("BundleContext." + m.getName());
                });
    }
}
