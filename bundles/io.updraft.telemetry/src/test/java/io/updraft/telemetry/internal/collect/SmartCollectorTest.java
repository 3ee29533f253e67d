package io.updraft.telemetry.internal.collect;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.telemetry.TelemetryEvent;

/** SMART through a stand-in smartctl script that prints what smartmontools 7 prints with -j. */
public class SmartCollectorTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path script(String body) throws IOException {
        Path p = tmp.getRoot().toPath().resolve("smartctl");
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    public void readsHealthOfEveryScannedDeviceWithoutSerials() throws Exception {
        Path smartctl = script("case \"$1\" in\n"
                + "--scan) echo '{\"devices\":[{\"name\":\"/dev/sda\",\"type\":\"sat\"},{\"name\":\"/dev/nvme0\",\"type\":\"nvme\"}]}';;\n"
                + "*) for a; do dev=$a; done\n"
                + "   if [ \"$dev\" = /dev/sda ]; then echo '{\"model_name\":\"Disk A\",\"serial_number\":\"WD-123\","
                + "\"smart_status\":{\"passed\":true},\"temperature\":{\"current\":38},\"power_on_time\":{\"hours\":1200},"
                + "\"ata_smart_attributes\":{\"table\":[{\"id\":5,\"raw\":{\"value\":3}},{\"id\":9,\"raw\":{\"value\":1200}}]}}'\n"
                + "   else echo '{\"model_name\":\"NVMe B\",\"smart_status\":{\"passed\":false},"
                + "\"nvme_smart_health_information_log\":{\"percentage_used\":7,\"media_errors\":2}}'; exit 8; fi;;\n"
                + "esac\n");
        List<TelemetryEvent> events = new SmartCollector(new Smartctl(smartctl, Duration.ofSeconds(10)),
                Clock.systemUTC()).collect();
        assertEquals(2, events.size());
        Map<String, Object> a = events.get(0).fields();
        assertEquals(Map.of("device", "/dev/sda", "model", "Disk A", "passed", true, "celsius", 38L,
                "powerOnHours", 1200L, "reallocatedSectors", 3L), a);
        assertFalse(a.toString().contains("WD-123"));
        Map<String, Object> b = events.get(1).fields();
        assertEquals(false, b.get("passed"));
        assertEquals(7L, b.get("wearPercent"));
        assertEquals(2L, b.get("mediaErrors"));
    }

    @Test
    public void absentToolMeansNoEvents() throws Exception {
        Smartctl missing = new Smartctl(tmp.getRoot().toPath().resolve("nope"), Duration.ofSeconds(1));
        assertFalse(missing.present());
        assertEquals(List.of(), new SmartCollector(missing, Clock.systemUTC()).collect());
    }

    @Test
    public void hangingOrGarbledToolIsAnErrorNamingTheCommand() throws Exception {
        Smartctl slow = new Smartctl(script("sleep 5\n"), Duration.ofMillis(300));
        IOException e = assertThrows(IOException.class, slow::scan);
        assertTrue(e.getMessage(), e.getMessage().contains("did not finish"));
        Smartctl garbled = new Smartctl(script("echo 'Permission denied'\nexit 2\n"), Duration.ofSeconds(5));
        e = assertThrows(IOException.class, garbled::scan);
        assertTrue(e.getMessage(), e.getMessage().contains("--scan") && e.getMessage().contains("exit 2"));
    }
}
