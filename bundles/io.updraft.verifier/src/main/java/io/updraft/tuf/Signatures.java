package io.updraft.tuf;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/** Signing and checking with Bouncy Castle's lightweight API, which needs no JCA provider registration. */
final class Signatures {

    static final ECNamedDomainParameters P256 = ECNamedDomainParameters.lookup(SECObjectIdentifiers.secp256r1);

    private Signatures() {
    }

    static boolean isP256(ECPublicKeyParameters key) {
        ECDomainParameters params = key.getParameters();
        return params.getCurve().equals(P256.getCurve()) && params.getG().equals(P256.getG())
                && params.getN().equals(P256.getN());
    }

    static byte[] sign(KeyType type, CipherParameters privateKey, byte[] data) {
        if (type == KeyType.ED25519) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, privateKey);
            signer.update(data, 0, data.length);
            return signer.generateSignature();
        }
        // Deterministic nonces (RFC 6979): no dependence on the signing machine's randomness.
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, privateKey);
        BigInteger[] rs = signer.generateSignature(sha256(data));
        BigInteger n = P256.getN();
        BigInteger s = rs[1].compareTo(n.shiftRight(1)) > 0 ? n.subtract(rs[1]) : rs[1]; // low-S form
        try {
            return new DERSequence(new ASN1Encodable[] {new ASN1Integer(rs[0]), new ASN1Integer(s)}).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of an ECDSA signature failed", e);
        }
    }

    static boolean verify(KeyType type, AsymmetricKeyParameter publicKey, byte[] data, byte[] signature) {
        if (signature == null) {
            return false;
        }
        if (type == KeyType.ED25519) {
            if (signature.length != 64) {
                return false;
            }
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, publicKey);
            verifier.update(data, 0, data.length);
            return verifier.verifySignature(signature);
        }
        BigInteger[] rs = decodeDer(signature);
        if (rs == null) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, publicKey);
        return verifier.verifySignature(sha256(data), rs[0], rs[1]);
    }

    /** r and s of a strict DER signature, or null: other encodings of the same signature are refused. */
    private static BigInteger[] decodeDer(byte[] signature) {
        try {
            ASN1Primitive parsed = ASN1Primitive.fromByteArray(signature);
            ASN1Sequence seq = ASN1Sequence.getInstance(parsed);
            if (seq.size() != 2 || !Arrays.equals(seq.getEncoded("DER"), signature)) {
                return null;
            }
            BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
            BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
            return new BigInteger[] {r, s};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static byte[] sha256(byte[] data) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
