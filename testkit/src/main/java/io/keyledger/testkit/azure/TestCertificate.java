package io.keyledger.testkit.azure;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed TLS certificate made in memory for the wire-level Azure fakes: an EC P-256 key pair from the
 * JDK and an X.509 v3 certificate written in DER here (a dozen ASN.1 structures; no keytool, no files, no
 * extra library), naming the hosts the fakes answer for in its subject alternative names. Valid from 2000 to
 * 2099, so that no test depends on today's date.
 */
public final class TestCertificate {

    private static final String EC_PUBLIC_KEY_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";

    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCertificate(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A certificate for the DNS names (wildcards allowed) and IP addresses given. */
    public static TestCertificate forHosts(List<String> dnsNames, List<String> ipAddresses) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            byte[] algorithm = seq(oid(EC_PUBLIC_KEY_SHA256));
            byte[] name = seq(set(seq(oid(COMMON_NAME), utf8("KeyLedger test fakes"))));
            ByteArrayOutputStream altNames = new ByteArrayOutputStream();
            for (String dns : dnsNames) {
                altNames.writeBytes(tagged(0x82, dns.getBytes(StandardCharsets.US_ASCII)));
            }
            for (String ip : ipAddresses) {
                altNames.writeBytes(tagged(0x87, InetAddress.getByName(ip).getAddress()));
            }
            byte[] extensions = tagged(0xA3, seq(seq(oid(SUBJECT_ALT_NAME),
                    tagged(0x04, tagged(0x30, altNames.toByteArray())))));
            byte[] tbs = seq(
                    tagged(0xA0, integer(BigInteger.TWO)),
                    integer(new BigInteger(64, new java.security.SecureRandom()).setBit(62)),
                    algorithm, name,
                    seq(tagged(0x17, "000101000000Z".getBytes(StandardCharsets.US_ASCII)),
                            tagged(0x18, "20991231235959Z".getBytes(StandardCharsets.US_ASCII))),
                    name, keys.getPublic().getEncoded(), extensions);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] der = seq(tbs, algorithm, bitString(signature));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            certificate.verify(keys.getPublic());
            return new TestCertificate(keys, certificate);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot make the test certificate", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A server context presenting this certificate. */
    public SSLContext serverContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "keyledger".toCharArray();
            store.setKeyEntry("fake", keys.getPrivate(), password, new X509Certificate[] {certificate});
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot make the test server's TLS context", e);
        }
    }

    /** A client context that trusts this certificate and nothing else. */
    public SSLContext clientContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("fake", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot make the test client's TLS context", e);
        }
    }

    // --- DER ---

    private static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return tagged(0x30, out.toByteArray());
    }

    private static byte[] set(byte[] content) {
        return tagged(0x31, content);
    }

    private static byte[] integer(BigInteger value) {
        return tagged(0x02, value.toByteArray());
    }

    private static byte[] utf8(String text) {
        return tagged(0x0C, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bitString(byte[] bits) {
        byte[] content = new byte[bits.length + 1];
        System.arraycopy(bits, 0, content, 1, bits.length);
        return tagged(0x03, content);
    }

    private static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            long v = Long.parseLong(parts[i]);
            byte[] groups = new byte[10];
            int n = 0;
            do {
                groups[n++] = (byte) (v & 0x7F);
                v >>>= 7;
            } while (v > 0);
            for (int j = n - 1; j >= 0; j--) {
                out.write(groups[j] | (j > 0 ? 0x80 : 0));
            }
        }
        return tagged(0x06, out.toByteArray());
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
