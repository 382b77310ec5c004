package io.keyledger.tests.aws.lambda;

import static io.keyledger.tests.aws.lambda.LambdaRig.ACME;
import static io.keyledger.tests.aws.lambda.LambdaRig.CENTRAL;
import static io.keyledger.tests.aws.lambda.LambdaRig.GLOBEX;
import static io.keyledger.tests.aws.lambda.LambdaRig.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.aws.kms.AwsSweepOperation.Purpose;
import io.keyledger.aws.lambda.KeyLedgerLambdaConfiguration;
import io.keyledger.aws.lambda.LambdaSettings;
import io.keyledger.aws.lambda.SweepNotStartedException;
import io.keyledger.aws.sweep.SweepRequest;
import io.keyledger.testkit.emulator.EmulatorPerClass;
import io.keyledger.testkit.emulator.NodeEmulator;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code sweepFanOut} through the real Lambda entry point, invoked by the schedule: it lists the
 * organisation's accounts and their enabled Regions with the member role, and queues one sweep message
 * per scope on the sweep queue, naming each scope's tenant.
 */
class SweepFanOutHandlerTest {

    private static final String FAN_OUT = KeyLedgerLambdaConfiguration.SWEEP_FAN_OUT;

    @RegisterExtension
    static final EmulatorPerClass<NodeEmulator> dynalite = EmulatorPerClass.of(NodeEmulator::dynalite);
    private final LambdaRig rig = new LambdaRig(dynalite.get());

    @AfterEach
    void close() {
        rig.close();
    }

    private List<SweepRequest> queued() {
        return rig.aws.sqs.bodies(rig.queueUrl).stream().map(SweepRequest::fromJson).toList();
    }

    @Test
    void aScheduledInvocationQueuesOneMessagePerAccountAndRegionOfTheOrganisation() throws IOException {
        JsonNode summary = JSON.readTree(rig.invoke(FAN_OUT, LambdaRig.resource("scheduler-input.json")));

        assertThat(summary.get("sweepId").asString()).isEqualTo("scheduled-20261128T020000Z");
        assertThat(summary.get("scopes").asInt()).isEqualTo(4);
        assertThat(summary.get("sent").asInt()).isEqualTo(4);
        assertThat(summary.get("failed").size()).isZero();
        assertThat(summary.get("unreachableAccounts").size()).isZero();
        assertThat(queued()).extracting(r -> r.account() + "/" + r.region() + " " + r.tenant().orElse("?"))
                .containsExactlyInAnyOrder(ACME + "/us-east-1 acme", ACME + "/eu-west-1 acme",
                        GLOBEX + "/us-east-1 globex", GLOBEX + "/eu-west-1 globex");
        assertThat(queued()).allSatisfy(r -> assertThat(r.sweepId()).isEqualTo("scheduled-20261128T020000Z"));
        assertThat(rig.aws.organizations.requests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.account()).as("listed with the function's own credentials").isEqualTo(CENTRAL));
        assertThat(rig.aws.account.requests()).extracting(r -> r.account())
                .as("Regions listed in each account through its member role").containsExactlyInAnyOrder(ACME, GLOBEX);
        // the scope discovery sends its declared operations and the member role sessions, and nothing else
        assertThat(rig.aws.sweepOperationsReceived()).containsExactlyInAnyOrderElementsOf(
                SweepWorkerHandlerTest.declared(Purpose.FIND_SCOPES, Purpose.REACH_ACCOUNTS));
    }

    @Test
    void theConfiguredAccountsAndRegionsAreSweptWithoutListingAnything() throws IOException {
        rig.env(LambdaSettings.ACCOUNTS, GLOBEX).env(LambdaSettings.REGIONS, "eu-west-1");

        JsonNode summary = JSON.readTree(rig.invoke(FAN_OUT, LambdaRig.resource("scheduled-event.json")));

        assertThat(summary.get("sent").asInt()).isEqualTo(1);
        assertThat(queued()).singleElement().satisfies(r -> {
            assertThat(r.scope().id()).isEqualTo("aws:" + GLOBEX + ":eu-west-1");
            assertThat(r.tenant()).contains("globex");
        });
        assertThat(rig.aws.organizations.requests()).isEmpty();
        assertThat(rig.aws.account.requests()).isEmpty();
        assertThat(rig.aws.sts.requests()).isEmpty();
    }

    @Test
    void anAccountWhoseRoleCannotBeAssumedIsReportedAndTheOthersAreSwept() throws IOException {
        rig.aws.organizations.account("444444444444", "sandbox", "ACTIVE");

        JsonNode summary = JSON.readTree(rig.invoke(FAN_OUT, "{}".getBytes()));

        assertThat(summary.get("sent").asInt()).isEqualTo(4);
        assertThat(summary.get("unreachableAccounts").get("444444444444").asString()).startsWith("Regions not listed");
        assertThat(queued()).noneMatch(r -> r.account().equals("444444444444"));
    }

    @Test
    void whenNothingCanBeQueuedTheInvocationFailsSoThatTheSchedulerRetriesIt() throws IOException {
        rig.env(LambdaSettings.ACCOUNTS, "444444444444");

        assertThatThrownBy(() -> rig.invoke(FAN_OUT, LambdaRig.resource("scheduler-input.json")))
                .isInstanceOf(SweepNotStartedException.class)
                .hasMessageContaining("sweepFanOut: nothing queued")
                .hasMessageContaining("account 444444444444: Regions not listed");
        assertThat(queued()).isEmpty();
    }

    @Test
    void scopesSqsRefusesAreReportedAndTheRestQueued() throws IOException {
        rig.env(LambdaSettings.REGIONS, "us-east-1");
        rig.aws.sqs.failNextEntries(1, "InvalidParameterValue", true);

        JsonNode summary = JSON.readTree(rig.invoke(FAN_OUT, LambdaRig.resource("scheduler-input.json")));

        assertThat(summary.get("sent").asInt()).isEqualTo(1);
        assertThat(summary.get("failed")).singleElement().satisfies(f -> {
            assertThat(f.get("code").asString()).isEqualTo("InvalidParameterValue");
            assertThat(f.get("account").asString()).isIn(ACME, GLOBEX);
        });
        assertThat(queued()).hasSize(1);
    }

    @Test
    void aMissingSettingFailsTheInitialisationNamingTheVariable() {
        rig.env(LambdaSettings.SWEEP_QUEUE_URL, null);

        assertThatThrownBy(() -> rig.invoke(FAN_OUT, "{}".getBytes()))
                .hasStackTraceContaining("KEYLEDGER_SWEEP_QUEUE_URL is not set");
        assertThat(rig.aws.sqs.bodies(rig.queueUrl)).isEmpty();
    }
}
