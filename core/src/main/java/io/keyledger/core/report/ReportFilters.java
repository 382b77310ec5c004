package io.keyledger.core.report;

import io.keyledger.core.store.AssetQuery;
import java.util.LinkedHashMap;
import java.util.Map;

/** The filter a report was asked for, as written in its JSON header: only the filters given. */
final class ReportFilters {

    private ReportFilters() {
    }

    static Map<String, Object> describe(AssetQuery q) {
        Map<String, Object> m = new LinkedHashMap<>();
        q.provider().ifPresent(p -> m.put("provider", p.code()));
        q.account().ifPresent(a -> m.put("account", a));
        q.state().ifPresent(s -> m.put("state", s.name()));
        q.owner().ifPresent(o -> m.put("owner", o));
        q.algorithm().ifPresent(a -> m.put("algorithm", a));
        q.aiUsage().ifPresent(ai -> m.put("aiUsage", ai));
        q.responsibility().ifPresent(r -> m.put("responsibility", r.name()));
        q.text().ifPresent(t -> m.put("text", t));
        return m;
    }
}
