package io.keyledger.core.signing;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The two encodings of an ECDSA P-256 signature that signing services return. KeyLedger keeps and exports
 * DER ({@code SEQUENCE {INTEGER r, INTEGER s}}), which OpenSSL, AWS KMS {@code Sign} and Cloud KMS
 * {@code asymmetricSign} use; JWS {@code ES256}, and so Azure Key Vault's {@code sign}, give the fixed-length
 * {@code r || s} instead, which a {@link Signer} turns into DER here.
 */
public final class EcdsaSignature {

    /** The length of r and of s for P-256. */
    private static final int SCALAR_BYTES = 32;

    private EcdsaSignature() {
    }

    /**
     * The DER form of a fixed-length signature: {@code r || s}, each 32 big-endian bytes.
     *
     * @throws IllegalArgumentException when it is not 64 bytes, or r or s is zero
     */
    public static byte[] derFromConcatenated(byte[] concatenated) {
        if (concatenated.length != 2 * SCALAR_BYTES) {
            throw new IllegalArgumentException("an ES256 signature is " + 2 * SCALAR_BYTES + " bytes (r || s), not "
                    + concatenated.length);
        }
        byte[] r = integer(Arrays.copyOfRange(concatenated, 0, SCALAR_BYTES), "r");
        byte[] s = integer(Arrays.copyOfRange(concatenated, SCALAR_BYTES, 2 * SCALAR_BYTES), "s");
        ByteArrayOutputStream der = new ByteArrayOutputStream(6 + r.length + s.length);
        der.write(0x30); // SEQUENCE; at most 70 bytes follow, so the short length form always fits
        der.write(2 + r.length + 2 + s.length);
        der.write(0x02);
        der.write(r.length);
        der.writeBytes(r);
        der.write(0x02);
        der.write(s.length);
        der.writeBytes(s);
        return der.toByteArray();
    }

    /** A DER INTEGER's content for an unsigned value: no leading zero bytes, but one before a high bit. */
    private static byte[] integer(byte[] unsigned, String name) {
        int first = 0;
        while (first < unsigned.length && unsigned[first] == 0) {
            first++;
        }
        if (first == unsigned.length) {
            throw new IllegalArgumentException("an ES256 signature's " + name + " is zero");
        }
        boolean highBit = (unsigned[first] & 0x80) != 0;
        byte[] out = new byte[unsigned.length - first + (highBit ? 1 : 0)];
        System.arraycopy(unsigned, first, out, highBit ? 1 : 0, unsigned.length - first);
        return out;
    }
}
