package io.keyledger.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.event.Action;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyPoliciesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void yamlSetsFileWideRulesAndTenantsOverrideFieldByField() throws IOException {
        AnomalyPolicies p = AnomalyPolicies.read(write("policy.yaml", """
                rules:
                  burst: {count: 3, window: PT5M}
                  custodians:
                    principals: ["arn:aws:iam::111122223333:role/KeyAdmin*"]
                  change-windows:
                    zone: Europe/Berlin
                    windows:
                      - {days: [MON, TUE, WED, THU, FRI], from: "09:00", to: "17:00"}
                tenants:
                  acme:
                    rules:
                      burst: {window: PT1H}
                      change-reference: {enabled: true, tags: [jira]}
                      rotation-overdue: {max-cryptoperiod: P90D}
                      audit-gaps: {enabled: false}
                """));
        AnomalyPolicy all = p.forTenant("other");
        assertThat(all.burst()).isEqualTo(new AnomalyPolicy.Windowed(true, 3, Duration.ofMinutes(5)));
        assertThat(all.custodians().isCustodian("arn:aws:iam::111122223333:role/KeyAdmin-ops")).isTrue();
        assertThat(all.changeWindows().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(all.changeWindows().windows().get(0).days()).contains(DayOfWeek.FRIDAY).hasSize(5);
        assertThat(all.changeWindows().windows().get(0).to()).isEqualTo(LocalTime.of(17, 0));
        AnomalyPolicy acme = p.forTenant("acme");
        assertThat(acme.burst()).isEqualTo(new AnomalyPolicy.Windowed(true, 3, Duration.ofHours(1)));
        assertThat(acme.changeReference().enabled()).isTrue();
        assertThat(acme.changeReference().tags()).containsExactly("jira");
        assertThat(acme.changeReference().actions()).isEqualTo(AnomalyPolicy.WATCHED_CHANGES);
        assertThat(acme.rotationOverdue().maxCryptoperiod()).isEqualTo(Duration.ofDays(90));
        assertThat(acme.auditGaps().enabled()).isFalse();
        assertThat(acme.custodians()).isEqualTo(all.custodians());
    }

    @Test
    void jsonWorksTooAndAnEmptyFileMeansDefaults() throws IOException {
        AnomalyPolicies p = AnomalyPolicies.read(write("policy.json",
                "{\"rules\": {\"custodians\": {\"actions\": [\"destroy\", \"key-policy\"]}}}"));
        assertThat(p.forTenant("x").custodians().actions()).containsExactlyInAnyOrder(Action.DESTROY, Action.KEY_POLICY);
        assertThat(AnomalyPolicies.read(write("empty.yaml", "")).forTenant("x")).isEqualTo(AnomalyPolicy.DEFAULT);
    }

    @Test
    void errorsNameTheFileAndTheField() throws IOException {
        assertError("rules:\n  burst:\n    window: ten minutes\n",
                "policy.yaml: rules.burst.window: expected an ISO-8601 duration such as PT10M or P30D, was 'ten minutes'");
        assertError("rules:\n  burst: {count: 0}\n", "policy.yaml: rules.burst.count: expected a whole number of at least 1");
        assertError("rules:\n  brust: {count: 3}\n", "policy.yaml: rules.brust: unknown field");
        assertError("rules:\n  change-windows: {zone: Mars/Olympus}\n", "policy.yaml: rules.change-windows.zone: expected a time zone id");
        assertError("rules:\n  change-windows:\n    windows: [{days: [FUNDAY], from: '09:00', to: '17:00'}]\n",
                "policy.yaml: rules.change-windows.windows[0].days: expected a day of the week");
        assertError("rules:\n  change-windows:\n    windows: [{days: [MON], from: '18:00', to: '09:00'}]\n",
                "policy.yaml: rules.change-windows.windows[0]: 'from' (18:00) must be before 'to' (09:00)");
        assertError("rules:\n  custodians: {actions: [NUKE]}\n", "policy.yaml: rules.custodians.actions[0]: unknown action 'NUKE'");
        assertError("rules:\n  compromise: {enabled: yes please}\n", "policy.yaml: rules.compromise.enabled: expected true or false");
        assertError("tenants:\n  acme:\n    rules:\n      expiring: {within: 30}\n",
                "policy.yaml: tenants.acme.rules.expiring.within: expected an ISO-8601 duration");
        assertError("rules: [1, 2]\n", "policy.yaml: rules: expected a mapping of fields");
    }

    private void assertError(String yaml, String message) throws IOException {
        Path file = write("policy.yaml", yaml);
        assertThatThrownBy(() -> AnomalyPolicies.read(file)).isInstanceOf(PolicyFormatException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> AnomalyPolicies.read(dir.resolve("nope.yaml")))
                .isInstanceOf(PolicyFormatException.class).hasMessage("nope.yaml: no such file");
    }
}
