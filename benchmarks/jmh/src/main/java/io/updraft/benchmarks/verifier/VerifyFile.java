package io.updraft.benchmarks.verifier;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.updraft.verifier.TargetDigest;
import io.updraft.verifier.TargetInfo;

/**
 * Checks a file against its SHA-256 and length the way the device checks a downloaded target, three times in one
 * JVM, and prints the seconds of the first (cold: JIT not warm) and the best later pass (steady state, as in the
 * long-running agent). Used by {@code benchmarks/verify-throughput.sh}, which times openssl on the same file.
 */
public final class VerifyFile {
    private VerifyFile() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: VerifyFile FILE SHA256");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        TargetInfo target = new TargetInfo(file.getFileName().toString(), Files.size(file), Map.of("sha256", args[1]),
                Map.of(), "targets");
        double cold = pass(file, target);
        double warm = Math.min(pass(file, target), pass(file, target));
        System.out.printf("%.3f %.3f%n", cold, warm);
    }

    private static double pass(Path file, TargetInfo target) throws Exception {
        long start = System.nanoTime();
        TargetDigest digest = TargetDigest.of(target);
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        digest.finish();
        return (System.nanoTime() - start) / 1e9;
    }
}
