package io.updraft.logforwarder.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The TLS context of a destination: the JVM's trust store or exactly the CAs of a PEM bundle, and for mutual TLS
 * a client certificate chain with its key (PEM, PKCS#8 or the traditional RSA/EC forms). Chain and host name
 * checks are made by the senders and cannot be turned off.
 */
final class TlsSetup {
    /** The JDK HTTP client skips host name checks when this system property is set (empty or true). */
    static final String DISABLE_HOSTNAME_CHECK = "jdk.internal.httpclient.disableHostnameVerification";

    private TlsSetup() {
    }

    static SSLContext context(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile)
            throws IOException {
        String disabled = System.getProperty(DISABLE_HOSTNAME_CHECK);
        if (disabled != null && (disabled.isEmpty() || Boolean.parseBoolean(disabled))) {
            throw new IOException("system property " + DISABLE_HOSTNAME_CHECK + "=" + disabled + " would turn off "
                    + "the host name check of every HTTPS destination; remove it (e.g. from etc/system.properties)");
        }
        try {
            TrustManagerFactory trust = null;
            if (caFile.isPresent()) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                int i = 0;
                for (Certificate c : certificates(caFile.get(), "CA file")) {
                    store.setCertificateEntry("ca-" + i++, c);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            KeyManagerFactory keys = null;
            if (certFile.isPresent() && keyFile.isPresent()) {
                Collection<? extends Certificate> chain = certificates(certFile.get(), "client certificate file");
                PrivateKey key = privateKey(keyFile.get());
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                char[] password = new char[0];
                store.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS (CA file " + caFile.orElse(null) + ", client certificate "
                    + certFile.orElse(null) + "): " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path file, String what)
            throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException e) {
            throw new IOException(what + " " + file + " is not a PEM bundle of X.509 certificates: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IOException(what + " " + file + " contains no certificates");
        }
        return certificates;
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        Secrets.requirePrivate(file, "client key file");
        Object pem;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
            pem = parser.readObject();
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (pem instanceof PEMKeyPair pair) {
            return converter.getKeyPair(pair).getPrivate();
        }
        if (pem instanceof PrivateKeyInfo info) {
            return converter.getPrivateKey(info);
        }
        throw new IOException("client key file " + file + " holds " + (pem == null ? "no PEM object"
                : "a " + pem.getClass().getSimpleName()) + "; expected an unencrypted PEM private key");
    }
}
