package io.keyledger.gcp.functions;

import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.SweepScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scopes and key sources held in memory (the testkit's fake key sources), with projects that cannot be listed. */
final class FixedSweepSources implements SweepSources {

    private final Map<SweepScope, KeySource> sources = new LinkedHashMap<>();
    private final Map<String, String> unreachable = new LinkedHashMap<>();

    FixedSweepSources add(KeySource source) {
        sources.put(source.scope(), source);
        return this;
    }

    FixedSweepSources unreachable(String project, String why) {
        unreachable.put(project, why);
        return this;
    }

    @Override
    public ScopeListing scopes() {
        return new ScopeListing(List.copyOf(sources.keySet()), unreachable);
    }

    @Override
    public ScopeListing scopesOf(List<String> projects) {
        Map<String, String> down = new LinkedHashMap<>(unreachable);
        down.keySet().retainAll(projects);
        return new ScopeListing(sources.keySet().stream().filter(s -> projects.contains(s.account())).toList(), down);
    }

    @Override
    public KeySource keySource(SweepScope scope) {
        KeySource source = sources.get(scope);
        if (source == null) {
            throw new IllegalArgumentException("no key source for " + scope.id());
        }
        return source;
    }
}
