package io.keyledger.functions.api;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.CheckpointRequests;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerWriter;
import io.keyledger.core.retention.RetentionService;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.views.JsonViews;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Sweeps: start one through the platform's {@link SweepLauncher}, and read the reports they keep. */
final class SweepEndpoints {

    private final InventoryStore store;
    private final SweepLauncher launcher;
    private final Clock clock;
    private final LedgerWriter ledger;
    private final RetentionService retention;
    private final CheckpointRequests checkpoints;

    SweepEndpoints(InventoryStore store, SweepLauncher launcher, Clock clock, RetentionService retention,
                   CheckpointRequests checkpoints) {
        this.checkpoints = checkpoints;
        this.store = store;
        this.launcher = launcher;
        this.clock = clock;
        this.ledger = new LedgerWriter(store, clock);
        this.retention = retention;
    }

    /** 202: the sweep runs on; its reports appear under {@code Location} as its scopes finish. */
    HttpResponse start(ApiCall call) {
        Checks checks = new Checks();
        RequestBody.read(call, Set.of(), checks);
        checks.done();
        String sweepId;
        try {
            sweepId = launcher.start(call.tenant(), call.principal().id());
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(e.getMessage() == null ? "a sweep cannot start now" : e.getMessage());
        }
        if (sweepId == null || !Params.isSimpleId(sweepId)) {
            throw new IllegalStateException("the sweep launcher returned an invalid sweep id");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sweepId", sweepId);
        body.put("tenant", call.tenant());
        body.put("requestedBy", call.principal().id());
        body.put("requestedAt", clock.instant().toString());
        ledger.append(call.tenant(), LedgerEntryType.SWEEP_REQUESTED, Optional.empty(), Json.write(body),
                retention.rules(call.tenant()));
        checkpoints.request(Set.of(call.tenant()));
        String location = "/sweeps/" + URLEncoder.encode(sweepId, StandardCharsets.UTF_8);
        return ApiResponses.json(202, body, Map.of("Location", location));
    }

    /** One report per swept scope, newest first, without the per-key outcomes. */
    HttpResponse list(ApiCall call) {
        Checks checks = new Checks();
        Supplier<PageRequest> page = Params.page(call, checks);
        checks.done();
        PageRequest request = page.get();
        Page<SweepReport> reports = Params.read(request, () -> store.sweepReports(call.tenant(), request));
        return ApiResponses.json(200, ApiResponses.page(
                reports.items().stream().map(r -> JsonViews.sweep(r, false)).toList(),
                call.sealCursor(reports.nextCursor())));
    }

    /**
     * The reports of one sweep, with the per-key outcomes. Stores list reports by start time only, so
     * this reads the tenant's kept reports through; they are few next to the keys.
     */
    HttpResponse get(ApiCall call) {
        String sweepId = Params.simpleIdInPath(call, "a sweep");
        List<Map<String, Object>> found = new ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<SweepReport> page = store.sweepReports(call.tenant(), request);
            page.items().stream().filter(r -> r.sweepId().equals(sweepId)).forEach(r -> found.add(JsonViews.sweep(r, true)));
            if (page.nextCursor().isEmpty()) {
                break;
            }
            request = request.next(page.nextCursor().get());
        }
        if (found.isEmpty()) {
            throw ApiProblem.notFound("no report of sweep '" + sweepId + "' in tenant '" + call.tenant()
                    + "' (a running sweep's reports appear as its scopes finish)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sweepId", sweepId);
        body.put("tenant", call.tenant());
        body.put("reports", found);
        return ApiResponses.json(200, body);
    }
}
