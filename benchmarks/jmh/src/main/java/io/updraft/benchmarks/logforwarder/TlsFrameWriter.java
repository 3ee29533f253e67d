package io.updraft.benchmarks.logforwarder;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Instant;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The like-for-like reference for the forwarder: a plain Java writer of the same RFC 5425 frames over one TLS
 * connection (JDK TLS, host name checked as the forwarder checks it), with nothing else: no store, no batching,
 * no anonymizer, no confirmation delay. Timed from connecting until the relay's output file holds N lines; prints
 * records, seconds, records/s and the process's CPU per 1,000 records.
 */
public final class TlsFrameWriter {
    private TlsFrameWriter() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: TlsFrameWriter RECORDS PORT CA_FILE OUTPUT_FILE");
            System.exit(2);
        }
        long records = Long.parseLong(args[0]);
        int port = Integer.parseInt(args[1]);
        LineCounter received = new LineCounter(Path.of(args[3]));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(args[2]))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long pid = ProcessHandle.current().pid();
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setTcpNoDelay(true);
            socket.startHandshake();
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            for (long i = 1; i <= records; i++) {
                out.write(LogLines.frame(i, Instant.now(), "bench-device", pid));
            }
            out.flush();
            long end = received.await(records, 30_000);
            double seconds = (end - start) / 1e9;
            System.out.printf("%d %.3f %.0f %.0f%n", records, seconds, records / seconds,
                    (os.getProcessCpuTime() - cpu0) / (records / 1000.0) / 1e3);
        }
    }
}
