package io.keyledger.functions.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.access.Principal;
import io.keyledger.core.access.Role;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IamPrincipalMappingTest {

    private static final PrincipalMapping MAPPING = PrincipalMapping.fromJson("test", """
            {"principals": [
              {"iamArn": "arn:aws:iam::111122223333:role/KeyLedgerAuditors", "tenants": {"acme": ["auditor"]}},
              {"iamArn": "arn:aws:iam::111122223333:role/keyledger-admin-*", "tenants": {"acme": ["admin"], "beta": ["viewer"]}},
              {"iamArn": "arn:aws:iam::111122223333:user/ann", "tenants": {"beta": ["custodian"]}}
            ]}""");

    private final IamPrincipalMapping iam = new IamPrincipalMapping(MAPPING);

    @Test
    void anAssumedRoleSessionIsItsRole() {
        IamArn arn = IamArn.parse("arn:aws:sts::111122223333:assumed-role/KeyLedgerAuditors/ann@example.com");

        assertThat(arn.principalArn()).isEqualTo("arn:aws:iam::111122223333:role/KeyLedgerAuditors");
        assertThat(arn.sessionName()).contains("ann@example.com");
    }

    @Test
    void otherPartitionsKeepTheirPartition() {
        assertThat(IamArn.parse("arn:aws-cn:sts::111122223333:assumed-role/R/s").principalArn())
                .isEqualTo("arn:aws-cn:iam::111122223333:role/R");
        assertThat(IamArn.parse("arn:aws-us-gov:iam::111122223333:user/ann").principalArn())
                .isEqualTo("arn:aws-us-gov:iam::111122223333:user/ann");
    }

    @Test
    void usersRolesRootAndFederatedUsersStandForThemselves() {
        for (String arn : new String[] {"arn:aws:iam::111122223333:user/ops/ann", "arn:aws:iam::111122223333:role/R",
                "arn:aws:iam::111122223333:root", "arn:aws:sts::111122223333:federated-user/bob"}) {
            assertThat(IamArn.parse(arn)).isEqualTo(new IamArn(arn, arn, Optional.empty()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ann", "arn:aws:kms:us-east-1:111122223333:key/abc", "arn:aws:sts::1111:assumed-role/R/s",
            "arn:aws:sts::111122223333:assumed-role/R", "arn:aws:iam::111122223333:", "arn:aws:s3:::bucket"})
    void otherTextIsNotAnIamPrincipal(String text) {
        assertThatThrownBy(() -> IamArn.parse(text)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> iam.principalFor(text))
                .isInstanceOf(AuthenticationException.class).hasMessage("the caller is not an IAM principal");
    }

    @Test
    void aSessionGetsItsRolesRolesAndKeepsItsSessionInTheId() {
        Principal p = iam.principalFor("arn:aws:sts::111122223333:assumed-role/KeyLedgerAuditors/ann");

        assertThat(p.id()).isEqualTo("arn:aws:sts::111122223333:assumed-role/KeyLedgerAuditors/ann");
        assertThat(p.roles()).isEqualTo(Map.of("acme", Set.of(Role.AUDITOR)));
    }

    @Test
    void wildcardsMatchWithinTheResource() {
        assertThat(iam.principalFor("arn:aws:sts::111122223333:assumed-role/keyledger-admin-eu/s1").roles())
                .isEqualTo(Map.of("acme", Set.of(Role.ADMIN), "beta", Set.of(Role.VIEWER)));
        assertThat(iam.principalFor("arn:aws:iam::111122223333:user/ann").roles())
                .isEqualTo(Map.of("beta", Set.of(Role.CUSTODIAN)));
        assertThat(iam.principalFor("arn:aws:iam::111122223333:role/keyledger-reader").roles()).isEmpty();
        assertThat(iam.principalFor("arn:aws:iam::444455556666:role/keyledger-admin-eu").roles())
                .as("another account").isEmpty();
    }

    @Test
    void patternsMayNotWildcardTheAccountOrPartition() {
        for (String pattern : new String[] {"arn:aws:iam::*:role/Admin", "arn:*:iam::111122223333:role/Admin",
                "arn:aws:sts::111122223333:assumed-role/R/*", "*"}) {
            assertThatThrownBy(() -> new IdentitySelector.IamArnPattern(pattern))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected an IAM ARN");
        }
    }

    @Property
    void aStarNeverCrossesAColon(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String before,
                                 @ForAll @AlphaChars @StringLength(max = 12) String after) {
        assertThat(Glob.matches("x:*:y", "x:" + before + ":" + after + ":y")).isFalse();
        assertThat(Glob.matches("x:*:y", "x:" + before + after + ":y")).isTrue();
    }

    @Property
    void aPatternWithoutStarsMatchesOnlyItself(@ForAll @AlphaChars @NumericChars @StringLength(max = 20) String a,
                                              @ForAll @AlphaChars @NumericChars @StringLength(max = 20) String b) {
        assertThat(Glob.matches(a, b)).isEqualTo(a.equals(b));
    }

    @Property
    void aStarMatchesAnyRoleNameSuffix(@ForAll @AlphaChars @StringLength(max = 30) String suffix) {
        assertThat(Glob.matches("arn:aws:iam::111122223333:role/kl-*", "arn:aws:iam::111122223333:role/kl-" + suffix)).isTrue();
    }
}
