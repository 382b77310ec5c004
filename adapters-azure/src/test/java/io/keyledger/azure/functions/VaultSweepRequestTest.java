package io.keyledger.azure.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.SweepScope;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sweep queue's message: written by the fan-out, read by the vault sweep, resumed by follow-ups. */
class VaultSweepRequestTest {

    private static final SweepScope SCOPE = new SweepScope(Provider.AZURE, FunctionApp.SUBSCRIPTION, "contoso-kv");

    @Test
    void aRequestReadsBackAsWrittenAndEachFollowUpCountsUpToTheLimit() {
        VaultSweepRequest first = VaultSweepRequest.of("schedule-20261128T0200", SCOPE, Optional.of("acme"));

        VaultSweepRequest next = first.resumeAt("https://contoso-kv.vault.azure.net/keys?$skiptoken=abc").orElseThrow();

        assertThat(VaultSweepRequest.fromJson(first.toJson())).isEqualTo(first);
        assertThat(VaultSweepRequest.fromJson(next.toJson())).isEqualTo(next);
        assertThat(next.resumes()).isEqualTo(1);
        assertThat(next.scope()).isEqualTo(SCOPE);
        VaultSweepRequest last = new VaultSweepRequest("s", FunctionApp.SUBSCRIPTION, "contoso-kv", Optional.empty(),
                Optional.of("c"), VaultSweepRequest.MAX_RESUMES);
        assertThat(last.resumeAt("d")).isEmpty();
    }

    @Test
    void aBadMessageIsRefusedNamingTheField() {
        assertThatThrownBy(() -> VaultSweepRequest.fromJson("[]")).hasMessageContaining("a JSON object");
        assertThatThrownBy(() -> VaultSweepRequest.fromJson("{\"type\": \"keyledger.sweep.vault\", \"sweepId\": \"s\", "
                + "\"subscription\": \"not-a-guid\", \"vault\": \"contoso-kv\"}")).hasMessageContaining("'subscription'");
        assertThatThrownBy(() -> VaultSweepRequest.fromJson("{\"type\": \"keyledger.sweep.vault\", \"sweepId\": \"s\", "
                + "\"subscription\": \"" + FunctionApp.SUBSCRIPTION + "\", \"vault\": \"contoso-kv\", \"resumes\": \"1\"}"))
                .hasMessageContaining("'resumes'");
        assertThatThrownBy(() -> VaultSweepRequest.of("s", new SweepScope(Provider.AWS, "111122223333", "eu-west-1"),
                Optional.empty())).hasMessageContaining("not an Azure scope");
    }
}
