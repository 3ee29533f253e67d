package io.updraft.tuf;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

import io.updraft.fs.DurableFiles;

/**
 * A private signing key with its public TUF key. Stored as PKCS#8 PEM in a file only its owner may read.
 */
public final class TufSigner {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final KeyType type;
    private final AsymmetricKeyParameter privateKey;
    private final TufKey publicKey;

    private TufSigner(KeyType type, AsymmetricKeyParameter privateKey, TufKey publicKey) {
        this.type = type;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A new random key of the given type. */
    public static TufSigner generate(KeyType type, SecureRandom random) {
        AsymmetricCipherKeyPair pair;
        if (type == KeyType.ED25519) {
            Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
            generator.init(new Ed25519KeyGenerationParameters(random));
            pair = generator.generateKeyPair();
        } else {
            ECKeyPairGenerator generator = new ECKeyPairGenerator();
            generator.init(new ECKeyGenerationParameters(Signatures.P256, random));
            pair = generator.generateKeyPair();
        }
        return new TufSigner(type, pair.getPrivate(), TufKey.of(pair.getPublic()));
    }

    /**
     * Reads a PKCS#8 PEM private key.
     *
     * @throws IOException if the file cannot be read or is readable by others than its owner
     * @throws IllegalArgumentException naming the file if it holds no supported private key
     */
    public static TufSigner load(Path file) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(perms)) {
            throw new IOException("private key " + file + " is readable by others (" + perms
                    + "); run chmod 600 on it before using it");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try (PemReader reader = new PemReader(new StringReader(text))) {
            PemObject pem = reader.readPemObject();
            if (pem == null || !"PRIVATE KEY".equals(pem.getType())) {
                throw new IllegalArgumentException("file " + file + " holds no PEM 'PRIVATE KEY' block");
            }
            AsymmetricKeyParameter key = PrivateKeyFactory.createKey(pem.getContent());
            if (key instanceof Ed25519PrivateKeyParameters) {
                return new TufSigner(KeyType.ED25519, key, TufKey.of(((Ed25519PrivateKeyParameters) key).generatePublicKey()));
            }
            if (key instanceof ECPrivateKeyParameters) {
                ECPrivateKeyParameters ec = (ECPrivateKeyParameters) key;
                ECPublicKeyParameters pub = new ECPublicKeyParameters(
                        ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters());
                if (!Signatures.isP256(pub)) {
                    throw new IllegalArgumentException("EC key in " + file + " is not on curve P-256");
                }
                return new TufSigner(KeyType.ECDSA_P256, key, TufKey.of(pub));
            }
            throw new IllegalArgumentException("file " + file + " holds a " + key.getClass().getSimpleName()
                    + "; supported are Ed25519 and ECDSA P-256 keys");
        }
    }

    /** Writes the private key as PKCS#8 PEM with mode 0600; never replaces an existing file. */
    public void store(Path file) throws IOException {
        StringWriter pem = new StringWriter();
        try (PemWriter writer = new PemWriter(pem)) {
            writer.writeObject(new PemObject("PRIVATE KEY",
                    PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey).getEncoded()));
        }
        DurableFiles.write(file, pem.toString().getBytes(StandardCharsets.US_ASCII), OWNER_ONLY, false,
                file.resolveSibling("." + file.getFileName() + ".tmp"));
    }

    public KeyType type() {
        return type;
    }

    public TufKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return publicKey.keyId();
    }

    /** The signature over {@code data} (Ed25519, or DER ECDSA with SHA-256 and a deterministic nonce). */
    public byte[] sign(byte[] data) {
        return Signatures.sign(type, privateKey, data);
    }
}
