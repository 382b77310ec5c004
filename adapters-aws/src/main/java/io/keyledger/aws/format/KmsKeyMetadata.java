package io.keyledger.aws.format;

import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.json.RecordFormatException;
import io.keyledger.core.key.KeyManager;
import io.keyledger.core.key.KeyUsage;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Maps a KMS {@code KeyMetadata} object to KeyLedger attributes. The same mapping serves CloudTrail
 * records (camelCase: {@code keyMetadata.keyState}) and the AWS CLI's DescribeKey output (PascalCase:
 * {@code KeyMetadata.KeyState}), so that events and listings of one key say the same.
 */
public final class KmsKeyMetadata {

    /** How the object's member names are written. */
    public enum Naming {
        /** CloudTrail request parameters and response elements. */
        CAMEL,
        /** AWS API responses as the AWS CLI prints them. */
        PASCAL;

        String of(String camelName) {
            return this == CAMEL ? camelName : Character.toUpperCase(camelName.charAt(0)) + camelName.substring(1);
        }
    }

    private KmsKeyMetadata() {
    }

    /**
     * The attributes {@code metadata} states.
     *
     * @param path the object's path, for errors ({@code KeyMetadata})
     * @throws RecordFormatException naming a member of the wrong type or an unparsable date
     */
    public static Map<String, String> attributes(JsonNode metadata, String path, Naming naming) {
        if (metadata == null || !metadata.isObject()) {
            throw new RecordFormatException(path, "expected an object");
        }
        return attributes(AwsJson.DIALECT.fields(metadata, path), naming);
    }

    static Map<String, String> attributes(RecordFields meta, Naming naming) {
        Map<String, String> out = new LinkedHashMap<>();
        meta.text(naming.of("keyState")).ifPresent(state -> putState(out, state));
        meta.text(naming.of("keySpec")).or(() -> meta.text(naming.of("customerMasterKeySpec")))
                .ifPresent(spec -> putSpec(out, spec));
        meta.text(naming.of("keyUsage")).flatMap(KmsKeyMetadata::keyUsage)
                .ifPresent(u -> out.put(KeyAttribute.KEY_USAGE.wireName(), u.name()));
        meta.text(naming.of("origin")).ifPresent(origin -> putOrigin(out, origin));
        meta.text(naming.of("keyManager")).ifPresent(m -> out.put(KeyAttribute.MANAGER.wireName(),
                ("AWS".equals(m) ? KeyManager.PROVIDER : "CUSTOMER".equals(m) ? KeyManager.CUSTOMER : KeyManager.UNKNOWN).name()));
        meta.text(naming.of("description")).ifPresent(d -> out.put(KeyAttribute.DESCRIPTION.wireName(), d));
        putDate(out, meta, naming.of("creationDate"), KeyAttribute.CREATED_AT);
        putDate(out, meta, naming.of("deletionDate"), KeyAttribute.DESTRUCTION_SCHEDULED_AT);
        putDate(out, meta, naming.of("validTo"), KeyAttribute.EXPIRES_AT);
        meta.bool(naming.of("multiRegion")).ifPresent(b -> out.put(KeyAttribute.MULTI_REGION.wireName(), b.toString()));
        meta.object(naming.of("multiRegionConfiguration")).ifPresent(c -> putReplication(out, c, naming));
        meta.text(naming.of("customKeyStoreId")).filter(s -> !s.isBlank())
                .ifPresent(s -> out.put(KeyAttribute.CUSTOM_KEY_STORE.wireName(), s));
        return out;
    }

    /** {@code nativeState}, and {@code state} when the native state is one of the table's. */
    static void putState(Map<String, String> out, String nativeState) {
        out.put(KeyAttribute.NATIVE_STATE.wireName(), nativeState);
        KmsKeyState.of(nativeState).ifPresent(s -> out.put(KeyAttribute.STATE.wireName(), s.lifecycle().name()));
    }

    private static void putSpec(Map<String, String> out, String spec) {
        out.put(KeyAttribute.NATIVE_SPEC.wireName(), spec);
        KmsKeySpec.of(spec).ifPresent(s -> {
            out.put(KeyAttribute.ALGORITHM.wireName(), s.algorithm());
            out.put(KeyAttribute.KIND.wireName(), s.kind().name());
        });
    }

    static void putOrigin(Map<String, String> out, String origin) {
        KmsOrigin.of(origin).ifPresent(o -> {
            out.put(KeyAttribute.ORIGIN.wireName(), o.origin().name());
            out.put(KeyAttribute.PROTECTION.wireName(), o.protection().name());
        });
    }

    /**
     * Dates at whole seconds: CloudTrail writes key dates to the second and DescribeKey to the
     * millisecond, and the same key must not look changed between an event and a listing.
     */
    private static void putDate(Map<String, String> out, RecordFields meta, String name, KeyAttribute attribute) {
        meta.instant(name)
                .ifPresent(i -> out.put(attribute.wireName(), i.truncatedTo(ChronoUnit.SECONDS).toString()));
    }

    private static void putReplication(Map<String, String> out, RecordFields config, Naming naming) {
        String type = config.text(naming.of("multiRegionKeyType")).orElse("");
        if ("PRIMARY".equals(type)) {
            // a primary is no one's replica: clears what an earlier UpdatePrimaryRegion may have said
            out.put(KeyAttribute.REPLICA_OF.wireName(), "");
        } else if ("REPLICA".equals(type)) {
            config.object(naming.of("primaryKey")).flatMap(p -> p.text(naming.of("arn")))
                    .flatMap(KeyArn::parse)
                    .ifPresent(primary -> out.put(KeyAttribute.REPLICA_OF.wireName(), primary.keyLedgerId()));
        }
    }

    private static java.util.Optional<KeyUsage> keyUsage(String nativeUsage) {
        String u = nativeUsage.trim().toUpperCase(Locale.ROOT);
        if ("ENCAPSULATE_DECAPSULATE".equals(u)) {
            return java.util.Optional.of(KeyUsage.KEY_ENCAPSULATION);
        }
        return Arrays.stream(KeyUsage.values()).filter(k -> k.name().equals(u)).findFirst();
    }
}
