package io.keyledger.aws.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsSweepConfigTest {

    @Test
    void theEnvironmentConfiguresTheSweep() {
        AwsSweepConfig c = AwsSweepConfig.fromEnvironment(Map.of("AWS_REGION", "eu-central-1",
                "KEYLEDGER_MEMBER_ROLE_NAME", "KeyLedgerSweep", "KEYLEDGER_ACCOUNTS", "111122223333, 444455556666",
                "KEYLEDGER_REGIONS", "eu-central-1,eu-west-1", "KEYLEDGER_EXTERNAL_ID", "kl-1234",
                "KEYLEDGER_OWN_ACCOUNT", "999988887777"));

        assertThat(c.accounts()).containsExactly("111122223333", "444455556666");
        assertThat(c.regions()).containsExactly("eu-central-1", "eu-west-1");
        assertThat(c.externalId()).contains("kl-1234");
        assertThat(c.ownAccount()).contains("999988887777");
        assertThat(c.memberRoleArn("111122223333")).isEqualTo("arn:aws:iam::111122223333:role/KeyLedgerSweep");
    }

    @Test
    void theRoleArnIsInTheHomeRegionsPartition() {
        assertThat(AwsSweepConfig.of("cn-north-1", "Sweep").memberRoleArn("111122223333"))
                .isEqualTo("arn:aws-cn:iam::111122223333:role/Sweep");
        assertThat(AwsSweepConfig.of("us-gov-west-1", "Sweep").partition()).isEqualTo("aws-us-gov");
    }

    @Test
    void badSettingsAreRefusedNamingThem() {
        assertThatThrownBy(() -> AwsSweepConfig.fromEnvironment(Map.of("AWS_REGION", "eu-west-1")))
                .hasMessageContaining("KEYLEDGER_MEMBER_ROLE_NAME is not set");
        assertThatThrownBy(() -> AwsSweepConfig.fromEnvironment(Map.of("AWS_REGION", "eu-west-1",
                "KEYLEDGER_MEMBER_ROLE_NAME", "Sweep", "KEYLEDGER_REGIONS", "eu-west-1,Frankfurt")))
                .hasMessage("sweep configuration from the environment, KEYLEDGER_REGIONS: "
                        + "field 'regions': not valid: 'Frankfurt'");
        assertThatThrownBy(() -> AwsSweepConfig.of("eu-west-1", "Sweep").withAccounts(List.of("1234")))
                .hasMessageContaining("field 'accounts': not valid: '1234'");
        assertThatThrownBy(() -> AwsSweepConfig.of("eu-west-1", "bad role"))
                .hasMessageContaining("field 'memberRoleName'");
        assertThatThrownBy(() -> AwsSweepConfig.of("eu-west-1", "Sweep").withExternalId(Optional.of("x")))
                .hasMessageContaining("field 'externalId'");
    }
}
