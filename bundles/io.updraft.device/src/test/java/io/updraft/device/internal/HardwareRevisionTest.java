package io.updraft.device.internal;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class HardwareRevisionTest {
    private static final String DT_MODEL = "sys/firmware/devicetree/base/model";
    private static final String DMI_PRODUCT = "sys/class/dmi/id/product_version";
    private static final String DMI_BOARD = "sys/class/dmi/id/board_version";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private FakeSystem sys;

    @Before
    public void setUp() throws Exception {
        sys = new FakeSystem(tmp.getRoot().toPath()).machineId("3d1219c7c4c5404aaa1f6d2a48adfda4");
    }

    private String hardware() throws Exception {
        return sys.start().identity().hardwareRevision();
    }

    @Test
    public void unknownWithoutFirmwareInformation() throws Exception {
        assertEquals("unknown", hardware());
    }

    @Test
    public void deviceTreeModelWinsAndLosesItsNul() throws Exception {
        sys.file(DT_MODEL, "Raspberry Pi 4 Model B Rev 1.4\0".getBytes(StandardCharsets.US_ASCII))
                .file(DMI_PRODUCT, "2.0\n");
        assertEquals("Raspberry Pi 4 Model B Rev 1.4", hardware());
    }

    @Test
    public void dmiProductVersionThenBoardVersion() throws Exception {
        sys.file(DT_MODEL, "\0\0").file(DMI_PRODUCT, "ThinkPad X1 Gen 9\n").file(DMI_BOARD, "SDK0J40697 WIN\n");
        assertEquals("ThinkPad X1 Gen 9", hardware());

        sys.file(DMI_PRODUCT, "To be filled by O.E.M.\n");
        assertEquals("SDK0J40697 WIN", hardware());
    }

    @Test
    public void placeholdersMeanUnknown() throws Exception {
        sys.file(DMI_PRODUCT, "Default string\n").file(DMI_BOARD, "  NOT SPECIFIED \n");
        assertEquals("unknown", hardware());
        sys.file(DMI_BOARD, "None\n");
        assertEquals("unknown", hardware());
    }

    @Test
    public void valueIsPrintableAndCapped() throws Exception {
        sys.file(DMI_PRODUCT, "  rev\u0007 B\u0001" + "x".repeat(200) + "\n");
        String value = hardware();
        assertEquals(128, value.length());
        assertEquals("rev Bxxx", value.substring(0, 8));
    }

    @Test
    public void configuredValueWins() throws Exception {
        sys.file(DMI_PRODUCT, "2.0\n");
        assertEquals("EVT-3", sys.start(Map.of("hardwareRevision", "EVT-3")).identity().hardwareRevision());
    }
}
