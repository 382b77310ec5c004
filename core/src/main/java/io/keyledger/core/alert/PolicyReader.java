package io.keyledger.core.alert;

import io.keyledger.core.alert.AnomalyPolicy.ChangeReference;
import io.keyledger.core.alert.AnomalyPolicy.ChangeWindows;
import io.keyledger.core.alert.AnomalyPolicy.Custodians;
import io.keyledger.core.alert.AnomalyPolicy.Expiring;
import io.keyledger.core.alert.AnomalyPolicy.PrematureDestruction;
import io.keyledger.core.alert.AnomalyPolicy.Rotation;
import io.keyledger.core.alert.AnomalyPolicy.Toggle;
import io.keyledger.core.alert.AnomalyPolicy.Window;
import io.keyledger.core.alert.AnomalyPolicy.Windowed;
import io.keyledger.core.event.Action;
import io.keyledger.core.tenant.TenantIds;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns a policy tree into {@link AnomalyPolicies}. Every field is optional and falls back to the
 * level above (tenant → file-wide → built-in default); unknown fields are errors, so that a typo
 * never silently leaves a rule at its default.
 */
final class PolicyReader {

    private static final List<String> RULE_NAMES = List.of("premature-destruction", "custodians", "change-windows",
            "change-reference", "burst", "key-policy-lockout", "illegal-transition", "seen-after-destruction",
            "audit-gaps", "rotation-overdue", "expiring", "repeated-failures", "compromise");

    private final String source;

    private PolicyReader(String source) {
        this.source = source;
    }

    static AnomalyPolicies read(String source, JsonNode root) {
        PolicyReader r = new PolicyReader(source);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return AnomalyPolicies.DEFAULT;
        }
        // "inventory" blocks are the inventory's (io.keyledger.core.ownership.InventoryPolicyReader).
        r.requireObject(root, "(top level)", List.of("rules", "tenants", "inventory"));
        AnomalyPolicy defaults = r.rules(root.get("rules"), "rules", AnomalyPolicy.DEFAULT);
        Map<String, AnomalyPolicy> tenants = new LinkedHashMap<>();
        JsonNode t = root.get("tenants");
        if (t != null && !t.isNull()) {
            r.requireObject(t, "tenants", null);
            for (Map.Entry<String, JsonNode> e : t.properties()) {
                String path = "tenants." + e.getKey();
                try {
                    TenantIds.requireValid(e.getKey());
                } catch (IllegalArgumentException invalid) {
                    throw r.error(path, invalid.getMessage());
                }
                r.requireObject(e.getValue(), path, List.of("rules", "inventory"));
                tenants.put(e.getKey(), r.rules(e.getValue().get("rules"), path + ".rules", defaults));
            }
        }
        return new AnomalyPolicies(defaults, tenants);
    }

    private AnomalyPolicy rules(JsonNode node, String path, AnomalyPolicy base) {
        if (node == null || node.isNull()) {
            return base;
        }
        requireObject(node, path, RULE_NAMES);
        return new AnomalyPolicy(
                premature(node.get("premature-destruction"), path + ".premature-destruction", base.prematureDestruction()),
                custodians(node.get("custodians"), path + ".custodians", base.custodians()),
                windows(node.get("change-windows"), path + ".change-windows", base.changeWindows()),
                reference(node.get("change-reference"), path + ".change-reference", base.changeReference()),
                windowed(node.get("burst"), path + ".burst", base.burst()),
                toggle(node.get("key-policy-lockout"), path + ".key-policy-lockout", base.keyPolicyLockout()),
                toggle(node.get("illegal-transition"), path + ".illegal-transition", base.illegalTransition()),
                toggle(node.get("seen-after-destruction"), path + ".seen-after-destruction", base.seenAfterDestruction()),
                toggle(node.get("audit-gaps"), path + ".audit-gaps", base.auditGaps()),
                rotation(node.get("rotation-overdue"), path + ".rotation-overdue", base.rotationOverdue()),
                expiring(node.get("expiring"), path + ".expiring", base.expiring()),
                windowed(node.get("repeated-failures"), path + ".repeated-failures", base.repeatedFailures()),
                toggle(node.get("compromise"), path + ".compromise", base.compromise()));
    }

    private Toggle toggle(JsonNode n, String path, Toggle base) {
        if (absent(n)) {
            return base;
        }
        requireObject(n, path, List.of("enabled"));
        return new Toggle(bool(n, path, "enabled", base.enabled()));
    }

    private PrematureDestruction premature(JsonNode n, String path, PrematureDestruction base) {
        if (absent(n)) {
            return base;
        }
        requireObject(n, path, List.of("enabled", "recent-use", "ai-keys"));
        return new PrematureDestruction(bool(n, path, "enabled", base.enabled()),
                duration(n, path, "recent-use", base.recentUse()), bool(n, path, "ai-keys", base.aiKeys()));
    }

    private Custodians custodians(JsonNode n, String path, Custodians base) {
        if (absent(n)) {
            return base;
        }
        requireObject(n, path, List.of("enabled", "principals", "actions"));
        return new Custodians(bool(n, path, "enabled", base.enabled()),
                strings(n, path, "principals", base.principals()), actions(n, path, base.actions()));
    }

    private ChangeWindows windows(JsonNode n, String path, ChangeWindows base) {
        if (absent(n)) {
            return base;
        }
        requireObject(n, path, List.of("enabled", "zone", "windows", "actions"));
        ZoneId zone = base.zone();
        if (!absent(n.get("zone"))) {
            String text = text(n.get("zone"), path + ".zone");
            try {
                zone = ZoneId.of(text);
            } catch (DateTimeException e) {
                throw error(path + ".zone", "expected a time zone id such as Europe/Berlin or UTC, was '" + text + "'");
            }
        }
        List<Window> windows = base.windows();
        JsonNode list = n.get("windows");
        if (!absent(list)) {
            if (!list.isArray()) {
                throw error(path + ".windows", "expected a list of windows");
            }
            windows = new ArrayList<>();
            int i = 0;
            for (JsonNode w : list.values()) {
                windows.add(window(w, path + ".windows[" + i++ + "]"));
            }
        }
        return new ChangeWindows(bool(n, path, "enabled", base.enabled()), zone, windows, actions(n, path, base.actions()));
    }

    private Window window(JsonNode n, String path) {
        requireObject(n, path, List.of("days", "from", "to"));
        for (String required : List.of("days", "from", "to")) {
            if (absent(n.get(required))) {
                throw error(path + "." + required, "required");
            }
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String d : strings(n, path, "days", List.of())) {
            days.add(day(d, path + ".days"));
        }
        LocalTime from = time(n.get("from"), path + ".from");
        LocalTime to = time(n.get("to"), path + ".to");
        if (!from.isBefore(to)) {
            throw error(path, "'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        return new Window(days, from, to);
    }

    private DayOfWeek day(String text, String path) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(upper) || d.name().startsWith(upper) && upper.length() == 3) {
                return d;
            }
        }
        throw error(path, "expected a day of the week (MON..SUN or MONDAY..SUNDAY), was '" + text + "'");
    }

    private LocalTime time(JsonNode n, String path) {
        String text = text(n, path);
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw error(path, "expected a time of day HH:MM, was '" + text + "'");
        }
    }

    private ChangeReference reference(JsonNode n, String path, ChangeReference base) {
        if (absent(n)) {
            return base;
        }
        requireObject(n, path, List.of("enabled", "tags", "actions"));
        return new ChangeReference(bool(n, path, "enabled", base.enabled()), strings(n, path, "tags", base.tags()),
                actions(n, path, base.actions()));
    }

    private Windowed windowed(JsonNode n, String path, Windowed base) {
        if (absent(n)) {
            return base;
        }
        requireObject(n, path, List.of("enabled", "count", "window"));
        int count = base.count();
        JsonNode c = n.get("count");
        if (!absent(c)) {
            if (!c.isIntegralNumber() || !c.canConvertToInt() || c.intValue() < 1) {
                throw error(path + ".count", "expected a whole number of at least 1, was " + c);
            }
            count = c.intValue();
        }
        Duration window = duration(n, path, "window", base.window());
        return new Windowed(bool(n, path, "enabled", base.enabled()), count, window);
    }

    private Rotation rotation(JsonNode n, String path, Rotation base) {
        if (absent(n)) {
            return base;
        }
        requireObject(n, path, List.of("enabled", "max-cryptoperiod"));
        return new Rotation(bool(n, path, "enabled", base.enabled()),
                duration(n, path, "max-cryptoperiod", base.maxCryptoperiod()));
    }

    private Expiring expiring(JsonNode n, String path, Expiring base) {
        if (absent(n)) {
            return base;
        }
        requireObject(n, path, List.of("enabled", "within"));
        return new Expiring(bool(n, path, "enabled", base.enabled()), duration(n, path, "within", base.within()));
    }

    // --- field readers ---

    private static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    private void requireObject(JsonNode n, String path, List<String> allowed) {
        if (!n.isObject()) {
            throw error(path, "expected a mapping of fields");
        }
        if (allowed != null) {
            for (String name : n.propertyNames()) {
                if (!allowed.contains(name)) {
                    throw error(path.equals("(top level)") ? name : path + "." + name,
                            "unknown field (expected one of " + String.join(", ", allowed) + ")");
                }
            }
        }
    }

    private boolean bool(JsonNode parent, String path, String field, boolean base) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return base;
        }
        if (!n.isBoolean()) {
            throw error(path + "." + field, "expected true or false, was " + n);
        }
        return n.booleanValue();
    }

    private Duration duration(JsonNode parent, String path, String field, Duration base) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return base;
        }
        String where = path + "." + field;
        String text = n.isString() ? n.stringValue() : n.toString();
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative() || d.isZero()) {
                throw error(where, "expected a positive duration, was '" + text + "'");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw error(where, "expected an ISO-8601 duration such as PT10M or P30D, was '" + text + "'");
        }
    }

    private String text(JsonNode n, String path) {
        if (!n.isString() || n.stringValue().isBlank()) {
            throw error(path, "expected a non-empty text, was " + n);
        }
        return n.stringValue().trim();
    }

    private List<String> strings(JsonNode parent, String path, String field, List<String> base) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return base;
        }
        String where = path + "." + field;
        if (!n.isArray()) {
            throw error(where, "expected a list");
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : n.values()) {
            out.add(text(item, where + "[" + i++ + "]"));
        }
        return out;
    }

    private Set<Action> actions(JsonNode parent, String path, Set<Action> base) {
        JsonNode n = parent.get("actions");
        if (absent(n)) {
            return base;
        }
        Set<Action> out = EnumSet.noneOf(Action.class);
        int i = 0;
        for (String name : strings(parent, path, "actions", List.of())) {
            try {
                out.add(Action.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw error(path + ".actions[" + i + "]", "unknown action '" + name + "' (e.g. DISABLE, DESTROY, KEY_POLICY)");
            }
            i++;
        }
        return out;
    }

    private PolicyFormatException error(String path, String message) {
        return new PolicyFormatException(source + ": " + path + ": " + message);
    }
}
