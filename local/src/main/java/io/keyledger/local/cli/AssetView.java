package io.keyledger.local.cli;

import static io.keyledger.local.cli.JsonOutput.instant;
import static io.keyledger.local.cli.JsonOutput.text;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
            Column.of("OWNER", a -> a.owner().orElse("")),
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
            Column.of("aliases", a -> String.join(";", a.aliases())),
            Column.of("tags", a -> a.tags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(";"))),
            Column.of("createdAt", a -> string(a.dates().createdAt())),
            Column.of("destructionScheduledAt", a -> string(a.dates().destructionScheduledAt())),
            Column.of("destroyedAt", a -> string(a.dates().destroyedAt())),
            Column.of("lastRotatedAt", a -> string(a.dates().lastRotatedAt())),
            Column.of("aiServices", a -> String.join(";", a.usageContext().aiServices())),
            Column.of("partiallyObserved", a -> Boolean.toString(a.partiallyObserved())),
            Column.of("lastEventAt", a -> a.provenance().lastEventAt().toString()));

    private AssetView() {
    }

    static Map<String, Object> json(CryptoAsset a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("tenant", a.tenant());
        m.put("provider", a.provider().code());
        m.put("accountScope", a.ref().accountScope());
        m.put("location", a.ref().location());
        m.put("nativeId", a.ref().nativeId());
        m.put("state", a.state().name());
        m.put("nativeState", a.nativeState());
        m.put("kind", a.kind().name());
        m.put("algorithm", a.algorithm());
        m.put("nativeSpec", text(a.nativeSpec()));
        m.put("keyUsage", a.keyUsage().name());
        m.put("protection", a.protection().name());
        m.put("origin", a.origin().name());
        m.put("manager", a.manager().name());
        m.put("owner", text(a.owner()));
        m.put("description", text(a.description()));
        m.put("aliases", List.copyOf(a.aliases()));
        m.put("tags", a.tags());
        m.put("versions", a.versions().stream().map(AssetView::version).toList());
        m.put("createdAt", instant(a.dates().createdAt()));
        m.put("activatedAt", instant(a.dates().activatedAt()));
        m.put("destructionScheduledAt", instant(a.dates().destructionScheduledAt()));
        m.put("destroyedAt", instant(a.dates().destroyedAt()));
        m.put("expiresAt", instant(a.dates().expiresAt()));
        m.put("lastRotatedAt", instant(a.dates().lastRotatedAt()));
        m.put("nextRotationAt", instant(a.dates().nextRotationAt()));
        m.put("rotationEnabled", a.rotation().enabled());
        m.put("rotationPeriod", a.rotation().period().map(Duration::toString).orElse(null));
        m.put("usageServices", List.copyOf(a.usageContext().services()));
        m.put("aiServices", List.copyOf(a.usageContext().aiServices()));
        m.put("aiUsage", a.usageContext().aiUsage());
        m.put("aiCategories", a.usageContext().aiCategories().stream().map(Enum::name).toList());
        m.put("lastUsedAt", instant(a.usageContext().lastUsedAt()));
        m.put("lastUsedBy", text(a.usageContext().lastUsedBy()));
        m.put("responsibilityParty", a.responsibility().party().name());
        m.put("responsibilityMode", text(a.responsibility().mode()));
        m.put("classification", text(a.regulatory().classification()));
        m.put("jurisdiction", text(a.regulatory().jurisdiction()));
        m.put("retentionClass", text(a.regulatory().retentionClass()));
        m.put("changeReference", text(a.regulatory().changeReference()));
        m.put("replicaOf", text(a.replicaOf()));
        m.put("multiRegion", a.multiRegion());
        m.put("keyStore", text(a.keyStore()));
        m.put("partiallyObserved", a.partiallyObserved());
        m.put("observationNote", text(a.provenance().observationNote()));
        m.put("firstSeenAt", a.provenance().firstSeenAt().toString());
        m.put("lastEventAt", a.provenance().lastEventAt().toString());
        m.put("lastEventId", a.provenance().lastEventId());
        m.put("lastSweptAt", instant(a.provenance().lastSweptAt()));
        m.put("retainedUntil", instant(a.retainedUntil()));
        return m;
    }

    private static Map<String, Object> version(KeyVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("versionId", v.versionId());
        m.put("state", v.state().name());
        m.put("nativeState", v.nativeState());
        m.put("createdAt", instant(v.createdAt()));
        return m;
    }

    private static String string(Optional<Instant> value) {
        return value.map(Instant::toString).orElse("");
    }
}
