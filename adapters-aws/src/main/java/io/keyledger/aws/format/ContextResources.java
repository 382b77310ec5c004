package io.keyledger.aws.format;

import io.keyledger.core.decode.RecordFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The resources a KMS call protects, as the encryption context of the call (or a grant's context
 * constraints) names them. Only the values of context keys that AWS services reserve for themselves are
 * read ({@code aws:<service>:...}, and {@code SecretARN}, {@code PARAMETER_ARN}); a customer's own context
 * keys and values are never read. Resources come out as ARNs where the record lets them be built:
 *
 * <ul>
 *   <li>{@code aws:s3:arn}: the bucket (an object's ARN is cut to its bucket's)</li>
 *   <li>{@code aws:ebs:id}: the volume or snapshot, in the record's Region and account</li>
 *   <li>{@code aws:rds:db-id}: the DB instance's resource id, as {@code aws:rds:db-id=<id>}</li>
 *   <li>{@code aws:dynamodb:tableName} with {@code aws:dynamodb:subscriberId}: the table</li>
 *   <li>any other reserved key whose value is an ARN ({@code aws:lambda:FunctionArn}, {@code aws:logs:arn},
 *       {@code aws:sqs:arn}, {@code SecretARN}, ...): that ARN</li>
 * </ul>
 */
final class ContextResources {

    /** At most this many resources from one call: a context has a handful. */
    static final int MAX_PER_CALL = 10;
    private static final int MAX_CHARS = 512;
    private static final Set<String> UNPREFIXED = Set.of("SecretARN", "PARAMETER_ARN");

    private ContextResources() {
    }

    /** The resources named in a call's {@code encryptionContext}, or a grant's context constraints. */
    static List<String> of(RecordFields record, Optional<String> region, Optional<String> account) {
        Optional<RecordFields> request = record.object("requestParameters");
        if (request.isEmpty()) {
            return List.of();
        }
        // Plain ifs rather than lambdas that capture: this runs for every use read.
        Set<String> out = new LinkedHashSet<>();
        readIfPresent(request.get().object("encryptionContext"), region, account, out);
        Optional<RecordFields> constraints = request.get().object("constraints");
        if (constraints.isPresent()) {
            readIfPresent(constraints.get().object("encryptionContextSubset"), region, account, out);
            readIfPresent(constraints.get().object("encryptionContextEquals"), region, account, out);
        }
        return firstOf(out);
    }

    /** The resources one context object names (a grant's constraints as ListGrants lists them). */
    static List<String> ofContext(tools.jackson.databind.JsonNode context, Optional<String> region,
                                  Optional<String> account) {
        Set<String> out = new LinkedHashSet<>();
        read(AwsJson.DIALECT.fields(context, "context"), region, account, out);
        return firstOf(out);
    }

    /** The first {@link #MAX_PER_CALL} resources, unmodifiable. */
    private static List<String> firstOf(Set<String> resources) {
        if (resources.isEmpty()) {
            return List.of();
        }
        List<String> first = new ArrayList<>(Math.min(resources.size(), MAX_PER_CALL));
        for (String resource : resources) {
            if (first.size() == MAX_PER_CALL) {
                break;
            }
            first.add(resource);
        }
        return Collections.unmodifiableList(first);
    }

    private static void readIfPresent(Optional<RecordFields> context, Optional<String> region, Optional<String> account,
                                      Set<String> out) {
        if (context.isPresent()) {
            read(context.get(), region, account, out);
        }
    }

    private static void read(RecordFields context, Optional<String> region, Optional<String> account, Set<String> out) {
        Optional<String> table = text(context, "aws:dynamodb:tableName");
        Optional<String> subscriber = text(context, "aws:dynamodb:subscriberId");
        for (String key : context.node().propertyNames()) {
            if (!reservedPrefix(key) && !UNPREFIXED.contains(key)) {
                continue;
            }
            Optional<String> value = text(context, key).map(String::trim);
            if (value.isEmpty() || value.get().length() > MAX_CHARS || !safe(value.get())) {
                continue;
            }
            Optional<String> resource = resource(key, value.get(), region, account);
            if (resource.isPresent()) {
                out.add(resource.get());
            }
        }
        if (table.isPresent() && subscriber.isPresent() && region.isPresent()
                && subscriber.get().matches("\\d{12}") && safe(table.get())) {
            out.add("arn:aws:dynamodb:" + region.get() + ":" + subscriber.get() + ":table/" + table.get());
        }
    }

    /**
     * Whether a key starts with {@code aws:} in any case, as {@code key.toLowerCase(Locale.ROOT).startsWith("aws:")}
     * says: no character but ASCII letters lower-cases to these, so ASCII is all there is to compare.
     */
    static boolean reservedPrefix(String key) {
        return key.length() >= 4 && (key.charAt(0) | 0x20) == 'a' && (key.charAt(1) | 0x20) == 'w'
                && (key.charAt(2) | 0x20) == 's' && key.charAt(3) == ':';
    }

    /** Whether text is non-empty and free of commas and control characters, as {@code [^,\p{Cntrl}]+} matches it. */
    static boolean safe(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c < 0x20 || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** A context value; a value that is not text names nothing (the context is the caller's to shape). */
    private static Optional<String> text(RecordFields context, String key) {
        tools.jackson.databind.JsonNode v = context.node().get(key);
        return v != null && v.isString() ? Optional.of(v.asString()) : Optional.empty();
    }

    private static Optional<String> resource(String key, String value, Optional<String> region, Optional<String> account) {
        switch (key) {
            case "aws:s3:arn" -> {
                if (!value.startsWith("arn:aws")) {
                    return Optional.empty();
                }
                int slash = value.indexOf('/');
                return Optional.of(slash < 0 ? value : value.substring(0, slash));
            }
            case "aws:ebs:id" -> {
                if (region.isEmpty() || account.isEmpty()) {
                    return Optional.of("aws:ebs:id=" + value);
                }
                String type = value.startsWith("snap-") ? "snapshot" : "volume";
                return Optional.of("arn:aws:ec2:" + region.get() + ":" + account.get() + ":" + type + "/" + value);
            }
            case "aws:rds:db-id" -> {
                return Optional.of("aws:rds:db-id=" + value);
            }
            default -> {
                return value.startsWith("arn:aws") ? Optional.of(value) : Optional.empty();
            }
        }
    }
}
