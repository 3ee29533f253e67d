package io.updraft.telemetry.internal.collect;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryEvent;

/** The /proc readers on this machine's real /proc, and on damaged copies. */
public class ProcCollectorsTest {
    private static final Path PROC = Path.of("/proc");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static Map<String, Object> only(List<TelemetryEvent> events) {
        assertEquals(1, events.size());
        return events.get(0).fields();
    }

    @Test
    public void cpuFromRealProcStat() throws Exception {
        CpuCollector cpu = new CpuCollector(PROC, Clock.systemUTC());
        Map<String, Object> first = only(cpu.collect());
        assertEquals(Runtime.getRuntime().availableProcessors() > 0, (Long) first.get("cores") > 0);
        double busy = (Double) first.get("busyPercent");
        assertTrue("busy " + busy, busy >= 0 && busy <= 100);
        assertTrue(first.containsKey("load1"));
        Thread.sleep(50);
        double later = (Double) only(cpu.collect()).get("busyPercent");
        assertTrue("busy " + later, later >= 0 && later <= 100);
    }

    @Test
    public void memoryFromRealMeminfo() throws Exception {
        Map<String, Object> f = only(new MemoryCollector(PROC, Clock.systemUTC()).collect());
        long total = (Long) f.get("totalBytes");
        long available = (Long) f.get("availableBytes");
        assertTrue("total " + total, total > 64L << 20);
        assertTrue(available > 0 && available <= total);
        assertEquals(Category.PERFORMANCE, new MemoryCollector(PROC, Clock.systemUTC()).category());
    }

    @Test
    public void ownProcessAndConfiguredOnesFromRealProc() throws Exception {
        Path pidFile = tmp.newFile("agent.pid").toPath();
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        Path stale = tmp.newFile("gone.pid").toPath();
        Files.writeString(stale, "999999999\n");
        ProcessCollector c = new ProcessCollector(PROC, Map.of("same", pidFile, "gone", stale,
                "missing", tmp.getRoot().toPath().resolve("none.pid")), Clock.systemUTC());
        List<TelemetryEvent> events = c.collect();
        assertEquals(4, events.size());
        Map<String, Object> self = events.get(0).fields();
        assertEquals(ProcessCollector.SELF, self.get("process"));
        assertEquals(ProcessHandle.current().pid(), (long) (Long) self.get("pid"));
        assertTrue((Long) self.get("rssBytes") > 1 << 20);
        assertTrue((Long) self.get("threads") > 1);
        for (TelemetryEvent e : events.subList(1, 4)) {
            Map<String, Object> f = e.fields();
            if (f.get("process").equals("same")) {
                assertEquals(true, f.get("running"));
                assertEquals(self.get("pid"), f.get("pid"));
            } else {
                assertEquals(f.toString(), false, f.get("running"));
            }
        }
    }

    @Test
    public void processStatWithSpacesAndParenthesesInTheName() throws Exception {
        Path proc = tmp.newFolder("proc").toPath();
        Path dir = Files.createDirectories(proc.resolve("42"));
        Files.writeString(dir.resolve("stat"), "42 (nav) stack (x)) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 "
                + "7 0 1000 123456789 2000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n");
        Files.writeString(dir.resolve("status"), "Name:\tnav\nVmHWM:\t  8192 kB\nVmRSS:\t  4096 kB\nThreads:\t7\n");
        ProcessFigures f = ProcessFigures.read(proc, "42");
        assertEquals(new ProcessFigures(42, "S", 300, 4096 * 1024, 8192 * 1024, 7), f);
        assertEquals(3.0, f.fields().get("cpuSeconds"));
        Files.writeString(dir.resolve("stat"), "42 (nav) S 1\n");
        assertThrows(IOException.class, () -> ProcessFigures.read(proc, "42"));
    }

    @Test
    public void damagedProcFilesAreErrorsNamingTheFile() throws Exception {
        Path proc = tmp.newFolder("proc").toPath();
        Files.writeString(proc.resolve("stat"), "intr 1 2 3\n");
        IOException e = assertThrows(IOException.class, () -> new CpuCollector(proc, Clock.systemUTC()).collect());
        assertTrue(e.getMessage(), e.getMessage().contains("stat"));
        Files.writeString(proc.resolve("meminfo"), "MemFree: 10 kB\n");
        e = assertThrows(IOException.class, () -> new MemoryCollector(proc, Clock.systemUTC()).collect());
        assertTrue(e.getMessage(), e.getMessage().contains("MemTotal"));
        Files.writeString(proc.resolve("meminfo"), "MemTotal: 1000 kB\nMemFree: 100 kB\nCached: 200 kB\n");
        Map<String, Object> f = only(new MemoryCollector(proc, Clock.systemUTC()).collect());
        assertEquals(300L * 1024, f.get("availableBytes"));
    }

    @Test
    public void diskOfTheHomeEvenBeforeItExists() throws Exception {
        Path home = tmp.getRoot().toPath().resolve("not/yet/there");
        Map<String, Object> f = only(new DiskCollector(home, Clock.systemUTC()).collect());
        assertTrue((Long) f.get("totalBytes") > 0);
        assertTrue((Long) f.get("usableBytes") <= (Long) f.get("totalBytes"));
        assertFalse(((String) f.get("fileSystem")).isEmpty());
    }

    @Test
    public void jvmFigures() {
        Map<String, Object> f = only(new JvmCollector(Clock.systemUTC()).collect());
        @SuppressWarnings("unchecked")
        Map<String, Object> heap = (Map<String, Object>) f.get("heap");
        assertTrue((Long) heap.get("usedBytes") > 0);
        assertTrue((Long) f.get("threads") > 0);
        assertFalse(((Map<?, ?>) f.get("gc")).isEmpty());
    }
}
