package io.updraft.benchmarks.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.updraft.install.PayloadFile;
import io.updraft.install.SlotFile;
import io.updraft.install.StagedSlot;

/**
 * The payload file list of a generated tree, kept beside it between JVMs (one line per file: octal mode, length,
 * SHA-256, path, tab-separated), and the check that a staged slot holds exactly those files.
 */
final class Manifest {
    private Manifest() {
    }

    static void write(Path file, List<PayloadFile> files) throws IOException {
        StringBuilder text = new StringBuilder();
        for (PayloadFile f : files) {
            text.append(Integer.toOctalString(f.mode())).append('\t').append(f.length()).append('\t')
                    .append(f.sha256()).append('\t').append(f.path()).append('\n');
        }
        Files.writeString(file, text);
    }

    static List<PayloadFile> read(Path file) throws IOException {
        List<PayloadFile> files = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t", 4);
            if (f.length != 4) {
                throw new IOException(file + ": bad line '" + line + "'");
            }
            files.add(new PayloadFile(f[3], Long.parseLong(f[1]), f[2], Integer.parseInt(f[0], 8)));
        }
        return files;
    }

    static long totalBytes(List<PayloadFile> files) {
        return files.stream().mapToLong(PayloadFile::length).sum();
    }

    /**
     * Fails unless the staged slot's files are exactly the manifest's, with the same lengths, hashes and modes, so a
     * benchmark can never time an install that wrote the wrong thing.
     */
    static void requireSame(List<PayloadFile> files, StagedSlot staged) {
        Map<String, SlotFile> written = new TreeMap<>();
        for (SlotFile e : staged.entries()) {
            if (e.type().equals("file")) {
                written.put(e.path(), e);
            }
        }
        if (written.size() != files.size()) {
            throw new IllegalStateException("the slot holds " + written.size() + " files, the payload " + files.size());
        }
        for (PayloadFile f : files) {
            SlotFile e = written.get(f.path());
            if (e == null || e.length() != f.length() || !e.sha256().equals(f.sha256()) || e.mode() != f.mode()) {
                throw new IllegalStateException("slot entry " + e + " does not match payload file " + f);
            }
        }
    }
}
