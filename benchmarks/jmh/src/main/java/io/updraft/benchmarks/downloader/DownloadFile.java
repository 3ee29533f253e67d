package io.updraft.benchmarks.downloader;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.osgi.util.converter.Converters;

import io.updraft.downloader.DownloadRequest;
import io.updraft.downloader.internal.DownloaderComponent;
import io.updraft.downloader.internal.DownloaderConfig;
import io.updraft.downloader.internal.SpaceProbe;

/**
 * Downloads one artifact with the real downloader (default settings: no rate limit, 64 MiB checkpoints with fsync,
 * SHA-256 checked in the same pass) three times in one JVM and prints, on one line: seconds of the first pass
 * (cold JIT), seconds of the best later pass (steady state, as in the long-running agent), the peak heap growth
 * in MiB over all passes, the process's peak RSS (VmHWM) in MiB, and the path of the file the last pass kept.
 * Before each pass the previous download is discarded, so every pass fetches all bytes. Used by
 * {@code benchmarks/download-throughput.sh}, which times curl against the same nginx.
 */
public final class DownloadFile {
    private static final int PASSES = 3;

    private DownloadFile() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: DownloadFile URL LENGTH SHA256 HOME");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        long length = Long.parseLong(args[1]);
        String sha256 = args[2];
        Path home = Path.of(args[3]).toAbsolutePath();
        DownloaderConfig config = Converters.standardConverter().convert(Map.of("home", home.toString()))
                .to(DownloaderConfig.class);
        HeapWatch heap = new HeapWatch();
        double cold = 0;
        double warm = Double.MAX_VALUE;
        Path last = null;
        try (DownloaderComponent downloader = new DownloaderComponent(config, Clock.systemUTC(), SpaceProbe.FILE_STORE)) {
            for (int i = 0; i < PASSES; i++) {
                DownloadRequest request = new DownloadRequest("artifact-" + i, "benchmark", "app", List.of(url),
                        length, Map.of("sha256", sha256));
                if (last != null) {
                    downloader.discard("artifact-" + (i - 1));
                }
                heap.start();
                long start = System.nanoTime();
                last = downloader.download(request);
                double seconds = (System.nanoTime() - start) / 1e9;
                heap.stop();
                if (Files.size(last) != length) {
                    throw new IllegalStateException(last + " has " + Files.size(last) + " bytes, expected " + length);
                }
                if (i == 0) {
                    cold = seconds;
                } else {
                    warm = Math.min(warm, seconds);
                }
            }
        }
        System.out.printf("%.3f %.3f %.1f %.1f %d %s%n", cold, warm, heap.growthMiB(), heap.sampledGrowthMiB(),
                HeapWatch.peakRssMiB(), last);
    }
}
