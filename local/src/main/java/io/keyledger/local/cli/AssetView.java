package io.keyledger.local.cli;


import io.keyledger.core.key.CryptoAsset;
import io.keyledger.functions.views.JsonViews;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a key record is shown. The JSON form is a stable, flat contract for scripts (documented in
 * docs/CLI.md); the table keeps to what fits a terminal line.
 */
final class AssetView {

    static final List<Column<CryptoAsset>> TABLE = List.of(
            Column.of("TENANT", CryptoAsset::tenant),
            Column.of("PROVIDER", a -> a.provider().code()),
            Column.of("STATE", a -> a.state().name()),
            Column.of("NATIVE STATE", CryptoAsset::nativeState),
            Column.of("ALGORITHM", CryptoAsset::algorithm),
            Column.of("MANAGER", a -> a.manager().name()),
            Column.of("OWNER", a -> a.owner().map(o -> a.ownership().inferred() ? o + " (inferred)" : o).orElse("")),
            Column.of("PARTY", a -> a.responsibility().party().name()),
            Column.of("ALIASES", a -> String.join(",", a.aliases())),
            Column.of("KEY", CryptoAsset::id));

    static final List<Column<CryptoAsset>> CSV = List.of(
            Column.of("tenant", CryptoAsset::tenant),
            Column.of("id", CryptoAsset::id),
            Column.of("provider", a -> a.provider().code()),
            Column.of("accountScope", a -> a.ref().accountScope()),
            Column.of("location", a -> a.ref().location()),
            Column.of("state", a -> a.state().name()),
            Column.of("nativeState", CryptoAsset::nativeState),
            Column.of("kind", a -> a.kind().name()),
            Column.of("algorithm", CryptoAsset::algorithm),
            Column.of("nativeSpec", a -> a.nativeSpec().orElse("")),
            Column.of("keyUsage", a -> a.keyUsage().name()),
            Column.of("protection", a -> a.protection().name()),
            Column.of("origin", a -> a.origin().name()),
            Column.of("manager", a -> a.manager().name()),
            Column.of("owner", a -> a.owner().orElse("")),
            Column.of("ownerBasis", a -> a.ownership().basis().name()),
            Column.of("responsibilityParty", a -> a.responsibility().party().name()),
            Column.of("accessModel", a -> a.access().model().orElse("")),
            Column.of("aliases", a -> String.join(";", a.aliases())),
            Column.of("tags", a -> a.tags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(";"))),
            Column.of("createdAt", a -> string(a.dates().createdAt())),
            Column.of("destructionRequestedAt", a -> string(a.dates().destructionRequestedAt())),
            Column.of("destructionScheduledAt", a -> string(a.dates().destructionScheduledAt())),
            Column.of("destroyedAt", a -> string(a.dates().destroyedAt())),
            Column.of("destructionDelay", a -> a.destruction().delay().map(Object::toString).orElse("")),
            Column.of("recoveryLevel", a -> a.destruction().recoveryLevel().orElse("")),
            Column.of("updatedAt", a -> string(a.dates().updatedAt())),
            Column.of("lastRotatedAt", a -> string(a.dates().lastRotatedAt())),
            Column.of("aiServices", a -> String.join(";", a.usageContext().aiServices())),
            Column.of("protects", a -> String.join(";", a.usageContext().protects().names())),
            Column.of("partiallyObserved", a -> Boolean.toString(a.partiallyObserved())),
            Column.of("unknownAttributes", a -> String.join(";", a.provenance().unknownAttributes())),
            Column.of("lastEventAt", a -> a.provenance().lastEventAt().toString()));

    private AssetView() {
    }

    static Map<String, Object> json(CryptoAsset a) {
        return JsonViews.key(a);
    }

    private static String string(Optional<Instant> value) {
        return value.map(Instant::toString).orElse("");
    }
}
