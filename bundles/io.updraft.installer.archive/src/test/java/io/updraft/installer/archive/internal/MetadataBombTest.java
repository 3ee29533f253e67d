package io.updraft.installer.archive.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.InstallProgress;

/**
 * Tar metadata (GNU long names and links, PAX headers) is read into memory by the tar reader before any entry is
 * seen: a few kilobytes of compressed archive could otherwise claim gigabytes of heap. Refused while reading.
 */
public class MetadataBombTest {
    private static final long HUGE = 64L << 20;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Fixture fx;

    @Before
    public void setUp() throws Exception {
        fx = new Fixture(tmp.getRoot().toPath());
    }

    @Test
    public void aHugeGnuLongNameIsRefusedBeforeItIsRead() throws Exception {
        Path file = fx.payloadDir.resolve("bomb.tar.zst");
        try (OutputStream out = new ZstdCompressorOutputStream(Files.newOutputStream(file), 3);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry name = new TarArchiveEntry(TarConstants.GNU_LONGLINK, TarConstants.LF_GNUTYPE_LONGNAME, true);
            name.setSize(HUGE);
            tar.putArchiveEntry(name);
            byte[] a = new byte[1 << 20];
            Arrays.fill(a, (byte) 'a');
            for (long left = HUGE; left > 0; left -= a.length) {
                tar.write(a);
            }
            tar.closeArchiveEntry();
            TarArchiveEntry x = new TarArchiveEntry("x");
            tar.putArchiveEntry(x);
            tar.closeArchiveEntry();
        }
        assertRefused(TarConstants.GNU_LONGLINK);
    }

    @Test
    public void aHugePaxHeaderIsRefusedBeforeItIsRead() throws Exception {
        Path file = fx.payloadDir.resolve("bomb.tar.zst");
        byte[] value = new byte[(int) HUGE];
        Arrays.fill(value, (byte) 'a');
        String tail = " path=";
        int bare = tail.length() + value.length + 1;
        int len = bare + String.valueOf(bare).length();
        len = bare + String.valueOf(len).length();
        byte[] head = (len + tail).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new ZstdCompressorOutputStream(Files.newOutputStream(file), 3);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry pax = new TarArchiveEntry("PaxHeaders/x", TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
            pax.setSize(len);
            tar.putArchiveEntry(pax);
            tar.write(head);
            tar.write(value);
            tar.write('\n');
            tar.closeArchiveEntry();
            TarArchiveEntry x = new TarArchiveEntry("x");
            tar.putArchiveEntry(x);
            tar.closeArchiveEntry();
        }
        value = null;
        assertRefused("PaxHeaders/x");
    }

    @Test
    public void ordinaryLongNamesStillExtract() throws Exception {
        String longName = "d/" + "n".repeat(200);
        try (TarBuilder t = fx.archive("app.tar.zst")) {
            t.file(longName, 0644, "ok".getBytes(StandardCharsets.UTF_8));
        }
        fx.installer.stage(Fixture.spec(), fx.archivePayload("app.tar.zst"), fx.slot("a"), InstallProgress.NONE);
        assertEquals("ok", Files.readString(fx.slot("a").resolve(longName)));
    }

    private void assertRefused(String entry) throws Exception {
        Map<String, String> before = fx.outside();
        try {
            fx.installer.stage(Fixture.spec(), fx.archivePayload("bomb.tar.zst"), fx.slot("a"), InstallProgress.NONE);
            fail("staged a metadata bomb");
        } catch (InstallException e) {
            // A refusal that got as far as the name would carry all of it: keep the report readable.
            String m = e.getMessage().length() > 300 ? e.getMessage().substring(0, 300) + "..." : e.getMessage();
            assertEquals(m, Reason.UNSAFE_ARCHIVE, e.reason());
            assertTrue(m, e.getMessage().contains("'" + entry + "'"));
        }
        assertEquals(before, fx.outside());
        assertEquals(0, Fixture.contentBytes(fx.slot("a")));
    }
}
