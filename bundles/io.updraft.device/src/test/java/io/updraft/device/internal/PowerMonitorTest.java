package io.updraft.device.internal;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.product.PowerStatus;

public class PowerMonitorTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private FakeSystem system;

    @Before
    public void setUp() throws IOException {
        system = new FakeSystem(tmp.getRoot().toPath());
    }

    private FakeSystem supply(String name, String attribute, String value) throws IOException {
        return system.file("sys/class/power_supply/" + name + "/" + attribute, value + "\n");
    }

    private Optional<PowerStatus> power() {
        return new PowerMonitorComponent(system.config()).power();
    }

    @Test
    public void noPowerSupplyClassMeansNoBattery() {
        assertEquals(Optional.empty(), power());
    }

    @Test
    public void mainsOnlyMeansNoBattery() throws IOException {
        supply("AC", "type", "Mains");
        supply("AC", "online", "1");
        assertEquals(Optional.empty(), power());
    }

    @Test
    public void dischargingBattery() throws IOException {
        supply("BAT0", "type", "Battery");
        supply("BAT0", "capacity", "42");
        supply("BAT0", "status", "Discharging");
        supply("AC", "type", "Mains");
        supply("AC", "online", "0");
        assertEquals(Optional.of(new PowerStatus(OptionalInt.of(42), false, false)), power());
    }

    @Test
    public void chargingOnUsbPower() throws IOException {
        supply("battery", "type", "Battery");
        supply("battery", "capacity", "12");
        supply("battery", "status", "Charging");
        supply("usb", "type", "USB");
        supply("usb", "online", "1");
        PowerStatus status = power().orElseThrow();
        assertEquals(new PowerStatus(OptionalInt.of(12), true, true), status);
        assertEquals(true, status.powered());
    }

    @Test
    public void fullBatteryOnTheDockIsPoweredWithoutCharging() throws IOException {
        supply("BAT0", "type", "Battery");
        supply("BAT0", "capacity", "100");
        supply("BAT0", "status", "Full");
        supply("dock", "type", "Mains");
        supply("dock", "online", "1");
        PowerStatus status = power().orElseThrow();
        assertEquals(new PowerStatus(OptionalInt.of(100), false, true), status);
        assertEquals(true, status.powered());
    }

    @Test
    public void peripheralAndAbsentBatteriesAreNotTheDevicesOwn() throws IOException {
        supply("hid-mouse-battery", "type", "Battery");
        supply("hid-mouse-battery", "scope", "Device");
        supply("hid-mouse-battery", "capacity", "5");
        supply("BAT1", "type", "Battery");
        supply("BAT1", "present", "0");
        assertEquals(Optional.empty(), power());

        supply("BAT0", "type", "Battery");
        supply("BAT0", "capacity", "80");
        assertEquals(Optional.of(new PowerStatus(OptionalInt.of(80), false, false)), power());
    }

    @Test
    public void lowestOfSeveralBatteriesCountsAndUnreadableCapacityIsUnknown() throws IOException {
        supply("BAT0", "type", "Battery");
        supply("BAT0", "capacity", "90");
        supply("BAT1", "type", "Battery");
        supply("BAT1", "capacity", "35");
        assertEquals(OptionalInt.of(35), power().orElseThrow().batteryPercent());

        system.file("sys/class/power_supply/BAT0/capacity", "");
        system.file("sys/class/power_supply/BAT1/capacity", "n/a");
        assertEquals(OptionalInt.empty(), power().orElseThrow().batteryPercent());

        supply("BAT1", "capacity", "104");
        assertEquals(OptionalInt.of(100), power().orElseThrow().batteryPercent());
    }
}
