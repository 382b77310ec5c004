package io.keyledger.aws.format;

import io.keyledger.core.decode.BoundedMemo;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARN of a KMS key, {@code arn:<partition>:kms:<region>:<account>:key/<key-id>}: the key's native id
 * in KeyLedger. Its account and region are the key's, so a {@link KeyRef} built from it equals the one a
 * listing of that account and region gives (docs/providers/aws.md, "Identity").
 */
public record KeyArn(String partition, String region, String account, String keyId) {

    private static final Pattern ARN = Pattern.compile(
            "arn:(aws[a-z-]*):kms:([a-z0-9-]+):(\\d{12}):key/([A-Za-z0-9-]+)");
    private static final Pattern KEY_ID = Pattern.compile("(mrk-)?[A-Za-z0-9-]{1,64}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d+");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /** The same few ARNs come in record after record. */
    private static final BoundedMemo<KeyArn, KeyRef> REFS = new BoundedMemo<>(50_000,
            arn -> new KeyRef(Provider.AWS, arn.account(), arn.region(), arn.toString()));
    private static final BoundedMemo<String, Optional<KeyArn>> PARSED = new BoundedMemo<>(50_000, KeyArn::parseText);

    public KeyArn {
        if (!ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("not a 12-digit account id: '" + account + "'");
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("not an AWS region: '" + region + "'");
        }
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("not a KMS key id: '" + keyId + "'");
        }
    }

    /** The key ARN in {@code text}, if it is one (an alias ARN or alias name is not). */
    public static Optional<KeyArn> parse(String text) {
        return text == null ? Optional.empty() : PARSED.apply(text);
    }

    private static Optional<KeyArn> parseText(String text) {
        Matcher m = ARN.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new KeyArn(m.group(1), m.group(2), m.group(3), m.group(4)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code text} is a bare key id (a UUID or an mrk- id), not an alias or ARN. */
    public static boolean isKeyId(String text) {
        return text != null && !text.startsWith("alias/") && !text.startsWith("arn:")
                && KEY_ID.matcher(text).matches();
    }

    /** Builds the ARN of a key known by its id only, in the partition its region belongs to. */
    public static KeyArn of(String region, String account, String keyId) {
        return new KeyArn(partitionOf(region), region, account, keyId);
    }

    /** The same key id in another region: a multi-Region key's related keys share their id. */
    public KeyArn inRegion(String otherRegion) {
        return new KeyArn(partition, otherRegion, account, keyId);
    }

    /** The AWS partition of a region ("aws", "aws-cn", "aws-us-gov", ...). */
    public static String partitionOf(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("us-iso-")) {
            return "aws-iso";
        }
        if (region.startsWith("eusc-")) {
            return "aws-eusc";
        }
        return "aws";
    }

    public KeyRef toKeyRef() {
        return REFS.apply(this);
    }

    /** The KeyLedger key id of this key, as other keys' {@code replicaOf} names it. */
    public String keyLedgerId() {
        return toKeyRef().id();
    }

    // equals and hashCode written out: the memos look ARNs up for every record read, and a record's generated
    // methods cost several times more under the client compiler the CLI runs with.
    @Override
    public boolean equals(Object o) {
        return o instanceof KeyArn other && keyId.equals(other.keyId) && account.equals(other.account)
                && region.equals(other.region) && Objects.equals(partition, other.partition);
    }

    @Override
    public int hashCode() {
        return ((Objects.hashCode(partition) * 31 + region.hashCode()) * 31 + account.hashCode()) * 31 + keyId.hashCode();
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":kms:" + region + ":" + account + ":key/" + keyId;
    }
}
