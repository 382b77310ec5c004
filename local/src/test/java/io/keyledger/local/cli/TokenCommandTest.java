package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.access.Principal;
import io.keyledger.core.access.Role;
import io.keyledger.functions.auth.AuthenticationException;
import io.keyledger.functions.auth.LocalTokenIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {

    @TempDir
    Path home;

    @Test
    void printsATokenThatTheIssuerOfTheSameHomeAccepts() {
        CliHarness cli = new CliHarness(home);

        CliHarness.Result r = cli.run("token", "--tenant", "acme", "--role", "custodian");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        Principal p = LocalTokenIssuer.inDirectory(home, cli.clock).authenticator().authenticate(r.out().trim());
        assertThat(p.rolesIn("acme")).containsExactly(Role.CUSTODIAN);
        assertThat(p.id()).endsWith("tester");
        assertThat(r.out()).doesNotContain("\"d\"");
    }

    @Test
    void theTokenExpiresAfterItsTtl() {
        CliHarness cli = new CliHarness(home);
        String token = cli.run("token", "--tenant", "acme", "--role", "viewer", "--ttl", "PT1H").out().trim();

        cli.clock.advance(Duration.ofHours(2));

        assertThatThrownBy(() -> LocalTokenIssuer.inDirectory(home, cli.clock).authenticator().authenticate(token))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void refusesTheSystemRoleAndUnknownRolesAndBadTenants() {
        CliHarness cli = new CliHarness(home);

        assertThat(cli.run("token", "--tenant", "acme", "--role", "system").err()).contains("--role: unknown role 'system'");
        assertThat(cli.run("token", "--tenant", "acme", "--role", "owner").err()).contains("unknown role 'owner'");
        CliHarness.Result badTenant = cli.run("token", "--tenant", "Not A Tenant!", "--role", "viewer");
        assertThat(badTenant.exitCode()).isNotZero();
        assertThat(badTenant.err()).contains("cannot issue a token");
        assertThat(cli.run("token", "--tenant", "acme", "--role", "viewer", "--ttl", "P90D").err())
                .contains("lifetime");
    }

    @Test
    void rolesAreCaseInsensitive() {
        CliHarness cli = new CliHarness(home);
        String token = cli.run("token", "--tenant", "acme", "--role", "Auditor").out().trim();

        assertThat(LocalTokenIssuer.inDirectory(home, cli.clock).authenticator().authenticate(token).rolesIn("acme"))
                .isEqualTo(Set.of(Role.AUDITOR));
    }
}
