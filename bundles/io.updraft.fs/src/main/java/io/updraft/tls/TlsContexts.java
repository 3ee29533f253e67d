package io.updraft.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context for HTTPS: the JVM's trust store, or exactly the CAs of a PEM bundle. Certificate chain and
 * host name checks always apply; there is deliberately no way to relax them. Used by every bundle that talks
 * HTTPS (update sources, the downloader) so the rule lives in one place.
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    /** The JDK HTTP client skips host name checks when this system property is set (empty or true). */
    public static final String DISABLE_HOSTNAME_CHECK = "jdk.internal.httpclient.disableHostnameVerification";

    /**
     * The context for the given CA file, or the JVM default when empty.
     *
     * @throws IOException naming the file or the property when TLS cannot be set up safely
     */
    public static SSLContext forCaFile(Optional<Path> caFile) throws IOException {
        String disabled = System.getProperty(DISABLE_HOSTNAME_CHECK);
        if (disabled != null && (disabled.isEmpty() || Boolean.parseBoolean(disabled))) {
            throw new IOException("system property " + DISABLE_HOSTNAME_CHECK + "=" + disabled + " would turn off "
                    + "the host name check of every HTTPS connection; remove it (e.g. from etc/system.properties)");
        }
        try {
            if (caFile.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : read(caFile.get())) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS with CA file " + caFile.orElse(null) + ": " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> read(Path file) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("CA file " + file + " is not a PEM bundle of X.509 certificates: "
                    + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IOException("CA file " + file + " contains no certificates");
        }
        return certificates;
    }
}
