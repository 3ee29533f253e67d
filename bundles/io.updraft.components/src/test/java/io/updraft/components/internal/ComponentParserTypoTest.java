package io.updraft.components.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.HashMap;
import java.util.Map;

import org.junit.Test;

public class ComponentParserTypoTest {

    @Test
    public void bothImageSlotsOnOnePartitionAreRefused() {
        Map<String, Object> p = new HashMap<>(Map.of("name", "rootfs", "installer", "image",
                "imageSlot.a", "/dev/mmcblk0p2", "imageSlot.b", "/dev/mmcblk0p2"));
        assertMessage(p, "imageSlot.a and imageSlot.b are both '/dev/mmcblk0p2'");
    }

    @Test
    public void misspeltParamsOfBuiltInChecksAreRefused() {
        assertRefused("check.http.param.expectBdy", "ok", "'check.http.param.expectBdy' is not a parameter of http checks");
        assertRefused("check.selftest.param.expectexit", "0",
                "'check.selftest.param.expectexit' is not a parameter of command checks");
        assertRefused("check.alive.param.expectStatus", "200",
                "'check.alive.param.expectStatus' is not a parameter of process checks");
    }

    @Test
    public void knownParamsOfBuiltInChecksAndAnyParamOfPluginChecksAreAccepted() {
        Map<String, Object> p = ComponentParserTest.full();
        p.put("check.http.param.expectBody", "ok");
        p.put("check.selftest.param.expectExit", "3");
        assertEquals("ok", ComponentParser.parse(p).healthChecks().get(1).params().get("expectBody"));
        p.put("check.selftest.type", "can-bus");
        p.put("check.selftest.param.anything", "x");
        assertEquals("x", ComponentParser.parse(p).healthChecks().get(2).params().get("anything"));
    }

    private static void assertRefused(String key, Object value, String named) {
        Map<String, Object> p = ComponentParserTest.full();
        p.put(key, value);
        assertMessage(p, named);
    }

    private static void assertMessage(Map<String, Object> p, String named) {
        try {
            ComponentParser.parse(p);
            fail("accepted a configuration that should name: " + named);
        } catch (IllegalArgumentException e) {
            assertTrue("'" + e.getMessage() + "' should contain '" + named + "'", e.getMessage().contains(named));
        }
    }
}
