package io.keyledger.core.ingest;

import io.keyledger.core.decode.InputLimits;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.tenant.TenantIds;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The input limits of each tenant, each within {@link InputLimits#HARD_CAPS}. An input is read before its
 * records' tenants are known, so a reader applies {@link #reading()}, the loosest of them all, which bounds
 * memory whatever the input; each event is then held to its own tenant's limits before anything of it is
 * stored ({@link #check}): its text fields against {@code maxFieldChars}, all of them together against
 * {@code maxRecordBytes}.
 *
 * @param defaults the limits of every tenant not named in {@code tenants}
 * @param tenants  limits by tenant id
 */
public record IngestLimits(InputLimits defaults, Map<String, InputLimits> tenants) {

    public static final IngestLimits DEFAULTS = new IngestLimits(InputLimits.DEFAULTS, Map.of());

    public IngestLimits {
        Objects.requireNonNull(defaults, "defaults");
        tenants.keySet().forEach(TenantIds::requireValid);
        tenants = Map.copyOf(new TreeMap<>(tenants));
    }

    public InputLimits forTenant(String tenant) {
        return tenants.getOrDefault(tenant, defaults);
    }

    /** What a reader must allow so that every tenant's limits can still be applied to the events it reads. */
    public InputLimits reading() {
        InputLimits loosest = defaults;
        for (InputLimits l : tenants.values()) {
            loosest = loosest.loosest(l);
        }
        return loosest;
    }

    /**
     * Holds an event to its tenant's limits.
     *
     * @throws IllegalArgumentException naming the first field that is too long, or saying the event is too large
     */
    public void check(String tenant, KeyEvent event) {
        InputLimits limits = forTenant(tenant);
        Sizes sizes = new Sizes(limits.maxFieldChars(), tenant);
        sizes.add("eventId", event.eventId());
        sizes.add("key.nativeId", event.key().nativeId());
        sizes.add("key.accountScope", event.key().accountScope());
        sizes.add("key.location", event.key().location());
        sizes.add("versionId", event.versionId());
        sizes.add("actor.principal", event.actor().principal());
        sizes.add("actor.sourceIp", event.actor().sourceIp());
        sizes.add("actor.userAgent", event.actor().userAgent());
        sizes.add("actor.invokedBy", event.actor().invokedBy());
        for (Map.Entry<String, String> attribute : event.attributes().entrySet()) {
            sizes.add("attributes.", attribute.getKey(), attribute.getValue());
        }
        sizes.add("source.location", event.source().location());
        sizes.add("source.operation", event.source().operation());
        if (sizes.total > limits.maxRecordBytes()) {
            throw new IllegalArgumentException("the event holds " + sizes.total + " characters of text, more than "
                    + limits.maxRecordBytes() + " (the limit maxRecordBytes of tenant '" + tenant + "')");
        }
    }

    private static final class Sizes {
        private final int maxField;
        private final String tenant;
        long total;

        Sizes(int maxField, String tenant) {
            this.maxField = maxField;
            this.tenant = tenant;
        }

        void add(String field, String value) {
            add(field, "", value);
        }

        // Not a lambda per field: this runs for every event.
        void add(String field, Optional<String> value) {
            if (value.isPresent()) {
                add(field, "", value.get());
            }
        }

        /** The field's name in two parts, joined only for the message: this runs for every attribute of every event. */
        void add(String prefix, String name, String value) {
            if (value.length() > maxField) {
                throw new IllegalArgumentException("field '" + prefix + name + "': " + value.length()
                        + " characters, more than " + maxField + " (the limit maxFieldChars of tenant '" + tenant + "')");
            }
            total += value.length();
        }
    }
}
