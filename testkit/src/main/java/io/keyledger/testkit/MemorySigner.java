package io.keyledger.testkit;

import io.keyledger.core.signing.SignatureAlgorithm;
import io.keyledger.core.signing.Signer;
import io.keyledger.core.signing.SigningPublicKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/** A signer with a fresh EC P-256 key held in memory, for tests that need a party's key but no file. */
public final class MemorySigner implements Signer {

    private final KeyPair pair;
    private final SigningPublicKey publicKey;

    private MemorySigner(KeyPair pair) {
        this.pair = pair;
        this.publicKey = SigningPublicKey.of(pair.getPublic());
    }

    public static MemorySigner create() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(SignatureAlgorithm.ECDSA_P256_SHA256.curve()));
            return new MemorySigner(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is required of every Java platform", e);
        }
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.ECDSA_P256_SHA256;
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance(algorithm().jcaName());
            s.initSign(pair.getPrivate());
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SigningPublicKey publicKey() {
        return publicKey;
    }
}
