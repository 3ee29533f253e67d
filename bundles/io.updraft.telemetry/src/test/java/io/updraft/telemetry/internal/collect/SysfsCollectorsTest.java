package io.updraft.telemetry.internal.collect;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.telemetry.TelemetryEvent;

/** Thermal and power-supply readers on fake sysfs trees laid out as the kernel does, and on this machine's. */
public class SysfsCollectorsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static void write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content + "\n");
    }

    @Test
    public void thermalZonesInNameOrderSkippingUnreadableOnes() throws Exception {
        Path sys = tmp.newFolder("sys").toPath();
        Path thermal = sys.resolve("class/thermal");
        write(thermal.resolve("thermal_zone1/type"), "gpu-thermal");
        write(thermal.resolve("thermal_zone1/temp"), "61250");
        write(thermal.resolve("thermal_zone0/type"), "x86_pkg_temp");
        write(thermal.resolve("thermal_zone0/temp"), "45000");
        write(thermal.resolve("thermal_zone2/type"), "sleeping-sensor");
        Files.createDirectories(thermal.resolve("cooling_device0"));
        List<TelemetryEvent> events = new ThermalCollector(sys, Clock.systemUTC()).collect();
        assertEquals(1, events.size());
        assertEquals(List.of(Map.of("zone", "thermal_zone0", "type", "x86_pkg_temp", "celsius", 45.0),
                Map.of("zone", "thermal_zone1", "type", "gpu-thermal", "celsius", 61.25)),
                events.get(0).fields().get("zones"));
    }

    @Test
    public void batteryAndMainsWithTheAttributesTheirDriversOffer() throws Exception {
        Path sys = tmp.newFolder("sys").toPath();
        Path ps = sys.resolve("class/power_supply");
        write(ps.resolve("BAT0/type"), "Battery");
        write(ps.resolve("BAT0/status"), "Discharging");
        write(ps.resolve("BAT0/capacity"), "87");
        write(ps.resolve("BAT0/voltage_now"), "12450000");
        write(ps.resolve("BAT0/current_now"), "1500000");
        write(ps.resolve("BAT0/cycle_count"), "312");
        write(ps.resolve("BAT0/temp"), "315");
        write(ps.resolve("BAT0/health"), "Good");
        write(ps.resolve("AC/type"), "Mains");
        write(ps.resolve("AC/online"), "0");
        List<TelemetryEvent> events = new PowerSupplyCollector(sys, Clock.systemUTC()).collect();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> supplies = (List<Map<String, Object>>) events.get(0).fields().get("supplies");
        assertEquals(Map.of("supply", "AC", "type", "Mains", "online", false), supplies.get(0));
        Map<String, Object> bat = supplies.get(1);
        assertEquals("Discharging", bat.get("status"));
        assertEquals(87L, bat.get("capacityPercent"));
        assertEquals(12.45, bat.get("volts"));
        assertEquals(1.5, bat.get("amperes"));
        assertEquals(31.5, bat.get("celsius"));
        assertEquals(312L, bat.get("cycles"));
        assertEquals("Good", bat.get("health"));
    }

    @Test
    public void absentClassesProduceNothing() throws Exception {
        Path sys = tmp.newFolder("empty-sys").toPath();
        assertEquals(List.of(), new ThermalCollector(sys, Clock.systemUTC()).collect());
        assertEquals(List.of(), new PowerSupplyCollector(sys, Clock.systemUTC()).collect());
        Files.createDirectories(sys.resolve("class/thermal"));
        assertEquals(List.of(), new ThermalCollector(sys, Clock.systemUTC()).collect());
    }

    @Test
    public void realSysfsOfThisMachineReadsWithoutError() throws Exception {
        Path sys = Path.of("/sys");
        for (TelemetryEvent e : new ThermalCollector(sys, Clock.systemUTC()).collect()) {
            assertTrue(e.fields().toString(), e.fields().get("zones") instanceof List);
        }
        for (TelemetryEvent e : new PowerSupplyCollector(sys, Clock.systemUTC()).collect()) {
            assertTrue(e.fields().toString(), e.fields().get("supplies") instanceof List);
        }
    }
}
