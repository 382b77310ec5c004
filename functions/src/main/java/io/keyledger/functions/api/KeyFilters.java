package io.keyledger.functions.api;

import io.keyledger.core.event.AttributeValues;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.key.ResponsibilityParty;
import io.keyledger.core.store.AssetQuery;
import java.util.Set;

/** The key filters of {@code GET /keys} and of the key reports, as query parameters. */
final class KeyFilters {

    static final Set<String> NAMES = Set.of("provider", "account", "state", "owner", "algorithm", "aiUsage",
            "responsibility", "q");

    private KeyFilters() {
    }

    /** The query; invalid filters go to {@code checks} (and the query returned leaves them out). */
    static AssetQuery parse(ApiCall call, Checks checks) {
        AssetQuery query = AssetQuery.ALL;
        query = checks.parse(call.query("provider"), Provider::parse, m -> FieldError.query("provider", m))
                .map(query::withProvider).orElse(query);
        query = checks.parse(call.query("account"), Params::queryText, m -> FieldError.query("account", m))
                .map(query::withAccount).orElse(query);
        query = checks.parse(call.query("state"), v -> AttributeValues.enumValue(LifecycleState.class, v),
                m -> FieldError.query("state", m)).map(query::withState).orElse(query);
        query = checks.parse(call.query("owner"), Params::queryText, m -> FieldError.query("owner", m))
                .map(query::withOwner).orElse(query);
        query = checks.parse(call.query("algorithm"), Params::queryText, m -> FieldError.query("algorithm", m))
                .map(query::withAlgorithm).orElse(query);
        query = checks.parse(call.query("aiUsage"), AttributeValues::bool, m -> FieldError.query("aiUsage", m))
                .map(query::withAiUsage).orElse(query);
        query = checks.parse(call.query("responsibility"),
                        v -> AttributeValues.enumValue(ResponsibilityParty.class, v),
                        m -> FieldError.query("responsibility", m))
                .map(query::withResponsibility).orElse(query);
        query = checks.parse(call.query("q"), Params::queryText, m -> FieldError.query("q", m))
                .map(query::withText).orElse(query);
        return query;
    }
}
