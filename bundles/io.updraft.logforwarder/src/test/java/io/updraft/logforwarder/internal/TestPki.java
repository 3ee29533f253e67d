package io.updraft.logforwarder.internal;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA issuing server and client certificates for loopback, made with Bouncy Castle. */
final class TestPki {
    /** A certificate with its key. */
    record Issued(X509Certificate certificate, KeyPair keys) {
    }

    private final KeyPair caKeys;
    private final X500Name caName;
    private final X509Certificate ca;
    private long serial = 1;

    TestPki(String name) throws Exception {
        caKeys = keyPair();
        caName = new X500Name("CN=" + name);
        X509v3CertificateBuilder b = builder(caName, caKeys);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ca = sign(b);
    }

    /** A server certificate for 127.0.0.1 and localhost. */
    Issued server() throws Exception {
        return issue("loopback server", KeyPurposeId.id_kp_serverAuth, new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost"));
    }

    /** A server certificate that names another host only. */
    Issued serverFor(String dnsName) throws Exception {
        return issue(dnsName, KeyPurposeId.id_kp_serverAuth, new GeneralName(GeneralName.dNSName, dnsName));
    }

    Issued client(String name) throws Exception {
        return issue(name, KeyPurposeId.id_kp_clientAuth, new GeneralName(GeneralName.dNSName, name));
    }

    Path writeCa(Path file) throws IOException {
        return writePem(file, ca);
    }

    static Path writeCertificate(Issued issued, Path file) throws IOException {
        return writePem(file, issued.certificate());
    }

    /** Writes the private key (PKCS#8 PEM) with mode 0600. */
    static Path writeKey(Issued issued, Path file) throws IOException {
        writePem(file, issued.keys().getPrivate());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** A server context for the issued certificate; when {@code clientCa} is set, it trusts clients of that CA. */
    SSLContext serverContext(Issued issued, boolean trustOwnClients) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "test".toCharArray();
        store.setKeyEntry("server", issued.keys().getPrivate(), password, new Certificate[] {issued.certificate(), ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        TrustManagerFactory tmf = null;
        if (trustOwnClients) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        return context;
    }

    private Issued issue(String cn, KeyPurposeId purpose, GeneralName... names) throws Exception {
        KeyPair keys = keyPair();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(++serial),
                Date.from(Instant.now().minus(Duration.ofHours(1))), Date.from(Instant.now().plus(Duration.ofDays(1))),
                new X500Name("CN=" + cn), keys.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        return new Issued(sign(b), keys);
    }

    private X509v3CertificateBuilder builder(X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(caName == null ? subject : caName, BigInteger.valueOf(serial++),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                keys.getPublic());
    }

    private X509Certificate sign(X509v3CertificateBuilder b) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));
    }

    private static Path writePem(Path file, Object o) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(o instanceof java.security.PrivateKey k
                    ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : o);
        }
        return file;
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }
}
