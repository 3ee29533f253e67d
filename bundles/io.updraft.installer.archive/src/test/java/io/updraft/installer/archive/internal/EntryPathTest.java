package io.updraft.installer.archive.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;

/** Entry names and link targets decided on their own, including the ones tar files cannot easily carry. */
public class EntryPathTest {
    @Test
    public void namesAreNormalised() throws Exception {
        assertEquals("bin/run", EntryPath.parse("./bin//run").path());
        assertEquals(List.of("bin", "run"), EntryPath.parse("bin/./run/").parts());
        assertTrue(EntryPath.parse("./").isRoot());
    }

    @Test
    public void emptyNulAbsoluteAndParentNamesAreRefused() {
        for (String bad : List.of("", "a\0b", "/x", "a/../b", "..", "../")) {
            try {
                EntryPath.parse(bad);
                fail("accepted '" + bad + "'");
            } catch (InstallException e) {
                assertEquals(Reason.UNSAFE_ARCHIVE, e.reason());
                assertTrue(e.getMessage(), e.getMessage().startsWith("archive entry '" + bad.replace('\0', '?') + "'"));
            }
        }
    }

    @Test
    public void linksThatStayInsideAreAccepted() throws Exception {
        Map<String, Node> nodes = Map.of("lib", Node.dir(0755), "lib/x", Node.dir(0755), "etc", Node.dir(0755),
                "cur", Node.link("lib/x"));
        LinkCheck.requireInside(nodes, List.of("lib", "x"), "../../etc/conf", "lib/x/conf");
        LinkCheck.requireInside(nodes, List.of(), "cur/../../etc", "up");
        LinkCheck.requireInside(nodes, List.of(), "later/file", "dangling");
        LinkCheck.requireInside(nodes, List.of("lib"), ".", "self");
    }

    @Test
    public void linksThatLeaveAreRefused() {
        Map<String, Node> nodes = Map.of("lib", Node.dir(0755), "cur", Node.link("lib"), "loop", Node.link("loop"),
                "f", Node.file(0644, 1, "00"));
        for (String target : List.of("cur/../..", "/etc", "", "x\0", "loop", "f/..", "lib/../../x")) {
            try {
                LinkCheck.requireInside(nodes, List.of(), target, "evil");
                fail("accepted a link to '" + target + "'");
            } catch (InstallException e) {
                assertEquals(Reason.UNSAFE_ARCHIVE, e.reason());
                assertTrue(e.getMessage(), e.getMessage().contains("'evil'"));
            }
        }
    }
}
