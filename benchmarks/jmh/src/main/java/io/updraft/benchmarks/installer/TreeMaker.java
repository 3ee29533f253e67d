package io.updraft.benchmarks.installer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import io.updraft.install.PayloadFile;

/**
 * Writes a reproducible application-like file tree of random bytes: a fixed total size spread over a given number
 * of files whose sizes run from a minimum to a maximum, skewed towards small files the way real trees are (a few
 * large libraries or models, many small resources), in a few directories, executables with mode 0755.
 */
final class TreeMaker {
    /** Where files go; the first two hold executables. */
    private static final String[] DIRS = {"bin", "lib/native", "lib", "share/assets", "share/assets/img", "share/i18n",
        "etc", "data/models"};
    private static final int BUFFER = 1 << 20;

    private TreeMaker() {
    }

    /**
     * Sizes log-distributed between {@code min} and {@code max}: size = min * (max/min)^(u^k) for uniform u, with the
     * skew k chosen so the sizes add up to {@code total}; the rounding rest goes to the files that can take it.
     */
    static long[] sizes(long total, int files, long min, long max, long seed) {
        if (files < 1 || min < 1 || max < min) {
            throw new IllegalArgumentException("need files >= 1 and 1 <= min <= max, not files=" + files + " min=" + min
                    + " max=" + max);
        }
        if (total < files * min || total > files * max) {
            throw new IllegalArgumentException(files + " files of " + min + ".." + max + " bytes cannot add up to "
                    + total + " bytes");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] u = new double[files];
        for (int i = 0; i < files; i++) {
            u[i] = random.nextDouble();
        }
        double lo = 1e-3;
        double hi = 1e4;
        long[] sizes = null;
        for (int step = 0; step < 200; step++) {
            double k = Math.sqrt(lo * hi);
            sizes = skewed(u, k, min, max);
            long sum = sum(sizes);
            if (sum > total) {
                lo = k;
            } else {
                hi = k;
            }
        }
        long rest = total - sum(sizes);
        for (int i = 0; i < files && rest != 0; i++) {
            long room = rest > 0 ? max - sizes[i] : min - sizes[i];
            long move = rest > 0 ? Math.min(rest, room) : Math.max(rest, room);
            sizes[i] += move;
            rest -= move;
        }
        return sizes;
    }

    private static long[] skewed(double[] u, double k, long min, long max) {
        double span = Math.log((double) max / min);
        long[] sizes = new long[u.length];
        for (int i = 0; i < u.length; i++) {
            sizes[i] = Math.max(min, Math.min(max, Math.round(min * Math.exp(span * Math.pow(u[i], k)))));
        }
        return sizes;
    }

    private static long sum(long[] sizes) {
        long s = 0;
        for (long x : sizes) {
            s += x;
        }
        return s;
    }

    /** Writes the tree into the empty directory {@code root}; returns its files as a payload lists them, by path. */
    static List<PayloadFile> write(Path root, long[] sizes, long seed) throws IOException {
        List<PayloadFile> files = new ArrayList<>(sizes.length);
        SplittableRandom placement = new SplittableRandom(seed ^ 0x5DEECE66DL);
        byte[] buffer = new byte[BUFFER];
        MessageDigest digest = sha256();
        for (int i = 0; i < sizes.length; i++) {
            int d = placement.nextInt(DIRS.length);
            boolean executable = d < 2 || placement.nextInt(20) == 0;
            String path = String.format("%s/f%05d.%s", DIRS[d], i, d < 2 ? "bin" : "dat");
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            SplittableRandom bytes = new SplittableRandom(seed * 31 + i);
            digest.reset();
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long left = sizes[i];
                while (left > 0) {
                    int n = (int) Math.min(left, buffer.length);
                    fill(bytes, buffer, n);
                    digest.update(buffer, 0, n);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                    left -= n;
                }
            }
            int mode = executable ? 0755 : 0644;
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            files.add(new PayloadFile(path, sizes[i], HexFormat.of().formatHex(digest.digest()), mode));
        }
        files.sort(Comparator.comparing(PayloadFile::path));
        return files;
    }

    private static void fill(SplittableRandom random, byte[] buffer, int n) {
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            long v = random.nextLong();
            for (int b = 0; b < 8; b++) {
                buffer[i + b] = (byte) (v >>> (b * 8));
            }
        }
        long v = random.nextLong();
        for (; i < n; i++, v >>>= 8) {
            buffer[i] = (byte) v;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
