package io.updraft.state.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ConfigTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void defaultsApplyWithoutConfiguration() {
        DeviceStateComponent.Config c = TestConfigs.config(Map.of());
        assertEquals("/var/lib/updraft", c.home());
        assertEquals(500, c.historyLimit());
        assertEquals(100, c.journalsKept());
    }

    @Test
    public void historyLimitOutOfRangeIsNamed() {
        for (int bad : new int[] {0, -3, DeviceStateComponent.MAX_HISTORY_LIMIT + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new DeviceStateComponent(TestConfigs.config(tmp.getRoot().toPath(), bad)));
            assertTrue(e.getMessage(), e.getMessage().contains("historyLimit " + bad));
        }
    }

    @Test
    public void journalsKeptBelowTheMinimumIsNamed() {
        for (int bad : new int[] {JournalRetention.MIN_KEPT - 1, 0, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new DeviceStateComponent(TestConfigs.config(tmp.getRoot().toPath(), 500, bad)));
            assertTrue(e.getMessage(), e.getMessage().contains("journalsKept " + bad));
            assertTrue(e.getMessage(), e.getMessage().contains("minimum of " + JournalRetention.MIN_KEPT));
        }
    }

    @Test
    public void relativeHomeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DeviceStateComponent(TestConfigs.config(Map.of("home", "data/updraft"))));
        assertTrue(e.getMessage(), e.getMessage().contains("'data/updraft'"));
        assertTrue(e.getMessage(), e.getMessage().contains("absolute"));
    }

    @Test
    public void blankHomeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DeviceStateComponent(TestConfigs.config(Map.of("home", "  "))));
        assertTrue(e.getMessage(), e.getMessage().contains("home '  '"));
    }
}
