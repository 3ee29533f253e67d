package io.updraft.components.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import org.junit.Test;

public class ConfiguredCatalogTest {
    @Test
    public void declaresItsOneComponentUnderTheConfigurationName() {
        ConfiguredCatalog catalog = new ConfiguredCatalog(ComponentParserTest.full());
        assertEquals("configuration io.updraft.component-hello", catalog.catalogName());
        assertEquals(List.of(ComponentParser.parse(ComponentParserTest.full())), catalog.components());
    }

    @Test
    public void aBadConfigurationDoesNotActivate() {
        Map<String, Object> p = ComponentParserTest.full();
        p.put("check.http.tpye", "http");
        try {
            new ConfiguredCatalog(p);
            fail("activated with a misspelt key");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("check.http.tpye"));
        }
    }
}
