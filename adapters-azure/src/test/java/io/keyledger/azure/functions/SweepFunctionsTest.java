package io.keyledger.azure.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageItem;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.testkit.azure.Azurite;
import io.keyledger.testkit.azure.FunctionsContext;
import io.keyledger.testkit.emulator.EmulatorPerClass;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sweep functions as the worker calls them, on Azurite's Queue service: the timer fans the vaults out
 * over the sweep queue, and the queue trigger sweeps the vault of each message (taken from Azurite as the
 * trigger takes it, with its id and dequeue count), queueing the rest of a vault cut short.
 */
class SweepFunctionsTest {

    static final String TIMER = """
            {"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-27T02:00:00+00:00",\
            "Next":"2026-11-29T02:00:00+00:00","LastUpdated":"2026-11-27T02:00:00+00:00"},"IsPastDue":false}""";

    private static final AtomicInteger QUEUES = new AtomicInteger();
    @RegisterExtension
    static final EmulatorPerClass<Azurite> azurite = EmulatorPerClass.of(Azurite::start);

    private final FunctionApp.Vaults vaults = new FunctionApp.Vaults();
    private QueueClient queue;
    private FunctionApp app;

    @BeforeEach
    void start() throws Exception {
        String name = "keyledger-sweep-" + QUEUES.incrementAndGet();
        queue = azurite.get().queue(name);
        vaults.vault(FunctionApp.SUBSCRIPTION, "contoso-kv", 2)
                .add(FunctionApp.key(FunctionApp.SUBSCRIPTION, "contoso-kv", "payments-cmk"))
                .add(FunctionApp.key(FunctionApp.SUBSCRIPTION, "contoso-kv", "orders"))
                .add(FunctionApp.key(FunctionApp.SUBSCRIPTION, "contoso-kv", "reporting"));
        vaults.vault(FunctionApp.SUBSCRIPTION, "contoso-hsm", 10)
                .add(FunctionApp.key(FunctionApp.SUBSCRIPTION, "contoso-hsm", "ml-artifacts"));
        vaults.vault(FunctionApp.OTHER_SUBSCRIPTION, "globex-kv", 10)
                .add(FunctionApp.key(FunctionApp.OTHER_SUBSCRIPTION, "globex-kv", "billing"));
        Map<String, String> env = FunctionApp.settings();
        env.put(FunctionAppSettings.SWEEP_QUEUE, name);
        env.put(FunctionAppSettings.FOLLOW_UP_DELAY, "PT0S");
        app = FunctionApp.withSweeps(env, vaults, queue);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** What the queue trigger would take now: every visible message, each hidden while it is handled. */
    static List<QueueMessageItem> take(QueueClient queue) {
        return Azurite.receive(queue, 100, Duration.ofMinutes(5));
    }

    /** Runs the queue trigger on each message; those handled without failure are deleted, as the host does. */
    static int drain(FunctionApp app, QueueClient queue) {
        int handled = 0;
        for (List<QueueMessageItem> batch = take(queue); !batch.isEmpty(); batch = take(queue)) {
            for (QueueMessageItem m : batch) {
                app.functions.sweepVault(m.getBody().toString(), m.getMessageId(), m.getDequeueCount(),
                        FunctionApp.context(AzureFunctionNames.SWEEP_VAULT));
                queue.deleteMessage(m.getMessageId(), m.getPopReceipt());
                handled++;
            }
        }
        return handled;
    }

    private List<SweepReport> reports(String tenant) {
        return app.memory.sweepReports(tenant, PageRequest.first(PageRequest.MAX_LIMIT)).items();
    }

    @Test
    void theTimerQueuesOneMessagePerVaultEachNamingItsSubscriptionsTenant() {
        FunctionsContext context = FunctionApp.context(AzureFunctionNames.SWEEP_SCHEDULE);

        app.functions.sweepSchedule(TIMER, context);

        List<VaultSweepRequest> queued = take(queue).stream()
                .map(m -> VaultSweepRequest.fromJson(m.getBody().toString())).toList();
        assertThat(queued).extracting(VaultSweepRequest::vault).containsExactly("contoso-kv", "contoso-hsm", "globex-kv");
        assertThat(queued).extracting(r -> r.tenant().orElseThrow()).containsExactly("acme", "acme", "globex");
        assertThat(queued).extracting(VaultSweepRequest::sweepId).containsOnly("schedule-20261128T0200");
        assertThat(context.lines(Level.INFO)).singleElement().asString().contains("vaults=3, sent=3");
    }

    @Test
    void eachQueuedVaultIsSweptIntoItsTenantAndACutShortVaultQueuesTheRest() {
        vaults.vault(FunctionApp.SUBSCRIPTION, "contoso-kv", 2).failAfterPages(1);
        app.functions.sweepSchedule(TIMER, FunctionApp.context(AzureFunctionNames.SWEEP_SCHEDULE));

        List<QueueMessageItem> first = take(queue);
        for (QueueMessageItem m : first) {
            app.functions.sweepVault(m.getBody().toString(), m.getMessageId(), m.getDequeueCount(),
                    FunctionApp.context(AzureFunctionNames.SWEEP_VAULT));
            queue.deleteMessage(m.getMessageId(), m.getPopReceipt());
        }

        assertThat(reports("acme")).hasSize(2).anySatisfy(r -> {
            assertThat(r.scope().location()).isEqualTo("contoso-kv");
            assertThat(r.partial()).isTrue();
            assertThat(r.keys()).hasSize(2);
        });
        assertThat(reports("globex")).singleElement().satisfies(r -> assertThat(r.partial()).isFalse());
        List<QueueMessageItem> followUps = take(queue);
        assertThat(followUps).singleElement().satisfies(m -> {
            VaultSweepRequest next = VaultSweepRequest.fromJson(m.getBody().toString());
            assertThat(next.vault()).isEqualTo("contoso-kv");
            assertThat(next.cursor()).contains("2");
            assertThat(next.resumes()).isEqualTo(1);
            assertThat(next.sweepId()).isEqualTo("schedule-20261128T0200");
        });

        // the vault's limits recovered: the follow-up lists the rest
        vaults.vault(FunctionApp.SUBSCRIPTION, "contoso-kv", 2).failAfterPages(-1);
        QueueMessageItem next = followUps.get(0);
        app.functions.sweepVault(next.getBody().toString(), next.getMessageId(), next.getDequeueCount(),
                FunctionApp.context(AzureFunctionNames.SWEEP_VAULT));
        queue.deleteMessage(next.getMessageId(), next.getPopReceipt());

        assertThat(take(queue)).isEmpty();
        assertThat(app.memory.assets("acme", AssetQuery.ALL, PageRequest.first(100)).items()).hasSize(4);
    }

    @Test
    void aMessageThatIsNoSweepRequestFailsEachTryAndOnTheLastIsSaidToGoToThePoisonQueue() {
        FunctionsContext early = FunctionApp.context(AzureFunctionNames.SWEEP_VAULT);
        FunctionsContext last = FunctionApp.context(AzureFunctionNames.SWEEP_VAULT);

        assertThatThrownBy(() -> app.functions.sweepVault("{\"type\": \"keyledger.sweep.scope\"}", "m-1", 1, early))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'type'");
        assertThatThrownBy(() -> app.functions.sweepVault("not json", "m-1", QueuedSweep.MAX_DEQUEUE_COUNT, last))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(early.lines(Level.WARNING)).singleElement().asString().contains("will be tried again");
        assertThat(last.lines(Level.SEVERE)).singleElement().asString().contains("poison queue");
    }

    @Test
    void aMessageNamingAnotherTenantThanTheSubscriptionsIsRefused() {
        String foreign = new VaultSweepRequest("api-1", FunctionApp.SUBSCRIPTION, "contoso-kv",
                java.util.Optional.of("globex"), java.util.Optional.empty(), 0).toJson();

        assertThatThrownBy(() -> app.functions.sweepVault(foreign, "m-2", 1,
                FunctionApp.context(AzureFunctionNames.SWEEP_VAULT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to tenant 'acme'");
        assertThat(reports("globex")).isEmpty();
    }

    @Test
    void aSweepResumedTooOftenQueuesNoMoreFollowUps() {
        vaults.vault(FunctionApp.SUBSCRIPTION, "contoso-kv", 2).failAfterPages(1);
        String last = new VaultSweepRequest("schedule-1", FunctionApp.SUBSCRIPTION, "contoso-kv",
                java.util.Optional.of("acme"), java.util.Optional.empty(), VaultSweepRequest.MAX_RESUMES).toJson();
        FunctionsContext context = FunctionApp.context(AzureFunctionNames.SWEEP_VAULT);

        app.functions.sweepVault(last, "m-3", 1, context);

        assertThat(take(queue)).isEmpty();
        assertThat(context.lines(Level.WARNING)).singleElement().asString().contains("left partial");
    }

    @Test
    void drainingAScheduledSweepSweepsEveryVault() {
        app.functions.sweepSchedule(TIMER, FunctionApp.context(AzureFunctionNames.SWEEP_SCHEDULE));

        assertThat(drain(app, queue)).isEqualTo(3);
        assertThat(reports("acme")).hasSize(2).allSatisfy(r -> assertThat(r.partial()).isFalse());
    }
}
