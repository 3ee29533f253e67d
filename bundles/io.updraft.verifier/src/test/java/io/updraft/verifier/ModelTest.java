package io.updraft.verifier;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.updraft.update.Release;
import io.updraft.update.Version;

public class ModelTest {

    @Test
    public void aTargetsCustomDataCannotBeChangedByAnyHolder() {
        List<Object> products = new ArrayList<>(List.of("robot"));
        Map<String, Object> nested = new HashMap<>(Map.of("products", products));
        TargetInfo target = new TargetInfo("a/a-1.0.0.updraft", 1, Map.of("sha256", "00"), Map.of("x", nested), "targets");
        products.add("vacuum");
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) target.custom().get("x");
        assertEquals(List.of("robot"), seen.get("products"));
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) seen.get("products");
        assertThrows(UnsupportedOperationException.class, () -> list.add("vacuum"));
        assertThrows(UnsupportedOperationException.class, () -> seen.put("y", 1));
    }

    @Test
    public void aReleaseHasExactlyOneTargetPath() {
        assertEquals("nav/nav-1.2.0.updraft", new ReleaseDescriptor("nav", Version.parse("1.2.0"), null, null, null,
                null, Release.Kind.FULL, null, null).targetPath());
        assertEquals("nav/nav-1.3.0.delta-1.2.0.updraft", new ReleaseDescriptor("nav", Version.parse("1.3.0"), null,
                null, null, null, Release.Kind.DELTA, Version.parse("1.2.0"), null).targetPath());
    }
}
