package io.keyledger.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.aws.sweep.AwsCallException;
import io.keyledger.aws.sweep.AwsSweepConfig;
import io.keyledger.aws.sweep.AwsSweepScopes;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.aws.AwsFakes;
import io.keyledger.testkit.aws.FakeAwsService;
import io.keyledger.testkit.aws.FakeSts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which (account, Region) scopes a sweep covers and how it reaches them: the organisation's active
 * accounts from Organizations, each account's enabled Regions from the Account service, credentials from
 * STS AssumeRole into the member role, all through the fakes.
 */
class AwsSweepScopesTest {

    static final String MANAGEMENT = "100000000000";
    static final String ROLE = "KeyLedgerSweep";
    static final String EXTERNAL_ID = "keyledger-7f3a";

    private final AwsFakes aws = new AwsFakes(MANAGEMENT);
    private final MutableClock clock = MutableClock.at("2026-11-28T00:00:00Z");
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final List<AwsSweepScopes> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(AwsSweepScopes::close);
        aws.close();
    }

    private AwsSweepScopes scopes(AwsSweepConfig config) {
        AwsSweepScopes s = new AwsSweepScopes(config.withEndpoints(FakeEndpoints.of(aws)),
                aws.credentials.staticFor(MANAGEMENT), aws.http(), clock, sleeper, new Random(11));
        opened.add(s);
        return s;
    }

    private static String account(int i) {
        return String.format("2000000000%02d", i);
    }

    /** A member account with the sweep's role and two enabled Regions (and two that are not). */
    private void member(String id, String state) {
        aws.organizations.account(id, "member-" + id, state);
        aws.sts.role(id, ROLE, Optional.of(EXTERNAL_ID));
        aws.account.region(id, "us-east-1", "ENABLED_BY_DEFAULT");
        aws.account.region(id, "ap-east-1", "DISABLED");
        aws.account.region(id, "eu-south-1", "ENABLED");
        aws.account.region(id, "me-central-1", "ENABLING");
    }

    @Test
    void everyActiveAccountOfTheOrganisationInEachOfItsEnabledRegions() {
        aws.organizations.account(MANAGEMENT, "management", "ACTIVE");
        aws.account.region(MANAGEMENT, "us-east-1", "ENABLED_BY_DEFAULT");
        for (int i = 0; i < 24; i++) {
            member(account(i), switch (i % 6) {
                case 1 -> "SUSPENDED";
                case 2 -> "PENDING_CLOSURE";
                case 3 -> "CLOSED";
                case 4 -> "PENDING_ACTIVATION";
                default -> "ACTIVE";
            });
        }
        aws.organizations.accountWithStatusOnly("300000000000", "legacy", "ACTIVE");
        aws.sts.role("300000000000", ROLE, Optional.of(EXTERNAL_ID));
        aws.account.region("300000000000", "eu-west-1", "ENABLED_BY_DEFAULT");
        aws.organizations.emptyPagesBefore(1);
        AwsSweepScopes scopes = scopes(AwsSweepConfig.of("us-east-1", ROLE).withExternalId(Optional.of(EXTERNAL_ID))
                .withOwnAccount(Optional.of(MANAGEMENT)));

        AwsSweepScopes.ScopeListing listing = scopes.scopes();

        List<String> active = List.of(account(0), account(5), account(6), account(11), account(12), account(17),
                account(18), account(23));
        List<SweepScope> expected = new ArrayList<>();
        expected.add(new SweepScope(Provider.AWS, MANAGEMENT, "us-east-1"));
        for (String a : active) {
            expected.add(new SweepScope(Provider.AWS, a, "us-east-1"));
            expected.add(new SweepScope(Provider.AWS, a, "eu-south-1"));
        }
        expected.add(new SweepScope(Provider.AWS, "300000000000", "eu-west-1"));
        assertThat(listing.scopes()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(listing.unreachableAccounts()).isEmpty();
        assertThat(aws.organizations.requests("ListAccounts")).as("an empty first page, then 26 accounts 20 a page")
                .hasSize(3).allSatisfy(r -> assertThat(r.account()).isEqualTo(MANAGEMENT));
        List<FakeAwsService.Request> assumed = aws.sts.requests("AssumeRole");
        assertThat(assumed).as("one session per member account, none for the management account").hasSize(9);
        assertThat(assumed).allSatisfy(r -> {
            Map<String, String> form = FakeSts.form(r.body());
            assertThat(form.get("RoleArn")).matches("arn:aws:iam::\\d{12}:role/" + ROLE);
            assertThat(form.get("ExternalId")).isEqualTo(EXTERNAL_ID);
            assertThat(form.get("RoleSessionName")).isEqualTo("keyledger-sweep");
        });
        assertThat(aws.account.requests("ListRegions")).extracting(FakeAwsService.Request::account)
                .as("each account's Regions are read with its own credentials")
                .containsExactlyInAnyOrderElementsOf(concat(MANAGEMENT, active, "300000000000"));
    }

    @Test
    void theKeySourceOfAMemberScopeReadsItsKeysThroughTheAssumedRole() {
        member(account(1), "ACTIVE");
        aws.kms.addKey(account(1), "eu-south-1", "11111111-2222-3333-4444-555555555555", Instant.parse("2026-01-01T00:00:00Z"));
        AwsSweepScopes scopes = scopes(AwsSweepConfig.of("us-east-1", ROLE).withExternalId(Optional.of(EXTERNAL_ID)));
        SweepScope scope = new SweepScope(Provider.AWS, account(1), "eu-south-1");

        KeyListing page = scopes.keySource(scope).list(Optional.empty());
        scopes.keySource(scope).list(Optional.empty());

        assertThat(page.keys()).singleElement().satisfies(k -> assertThat(k.ref().accountScope()).isEqualTo(account(1)));
        assertThat(aws.kms.requests("ListKeys")).allSatisfy(r -> {
            assertThat(r.account()).isEqualTo(account(1));
            assertThat(r.region()).isEqualTo("eu-south-1");
            assertThat(r.accessKeyId()).startsWith("ASIA");
        });
        assertThat(aws.sts.count("AssumeRole")).as("the session is cached and reused").isEqualTo(1);
        assertThat(scopes.kms(scope)).as("one client per scope").isSameAs(scopes.kms(scope));
    }

    @Test
    void configuredAccountsAndRegionsNeedNeitherOrganizationsNorTheAccountService() {
        AwsSweepScopes scopes = scopes(AwsSweepConfig.of("eu-west-1", ROLE)
                .withAccounts(List.of(account(1), account(2))).withRegions(List.of("eu-west-1", "eu-central-1")));

        assertThat(scopes.scopes().scopes()).containsExactly(
                new SweepScope(Provider.AWS, account(1), "eu-west-1"), new SweepScope(Provider.AWS, account(1), "eu-central-1"),
                new SweepScope(Provider.AWS, account(2), "eu-west-1"), new SweepScope(Provider.AWS, account(2), "eu-central-1"));
        assertThat(aws.organizations.requests()).isEmpty();
        assertThat(aws.account.requests()).isEmpty();
        assertThat(aws.sts.requests()).isEmpty();
        assertThatThrownBy(() -> scopes.keySource(new SweepScope(Provider.AWS, account(3), "eu-west-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not among the accounts configured");
    }

    @Test
    void anAccountWhoseRoleCannotBeAssumedIsReportedAndTheOthersAreSwept() {
        member(account(1), "ACTIVE");
        aws.organizations.account(account(2), "no-role", "ACTIVE");
        AwsSweepScopes scopes = scopes(AwsSweepConfig.of("us-east-1", ROLE).withExternalId(Optional.of(EXTERNAL_ID)));

        AwsSweepScopes.ScopeListing listing = scopes.scopes();

        assertThat(listing.scopes()).extracting(SweepScope::account).containsOnly(account(1));
        assertThat(listing.unreachableAccounts()).containsOnlyKeys(account(2));
        assertThat(listing.unreachableAccounts().get(account(2))).contains("not authorized to perform: sts:AssumeRole");
    }

    @Test
    void aWrongExternalIdIsRefusedBySts() {
        member(account(1), "ACTIVE");
        AwsSweepScopes scopes = scopes(AwsSweepConfig.of("us-east-1", ROLE).withExternalId(Optional.of("other-id")));

        assertThat(scopes.scopes().unreachableAccounts()).containsOnlyKeys(account(1));
    }

    @Test
    void organizationsThrottlingIsBackedOffAndRetried() {
        member(account(1), "ACTIVE");
        aws.organizations.throttleFirst(2);
        AwsSweepScopes scopes = scopes(AwsSweepConfig.of("us-east-1", ROLE).withExternalId(Optional.of(EXTERNAL_ID))
                .withRegions(List.of("us-east-1")));

        assertThat(scopes.scopes().scopes()).containsExactly(new SweepScope(Provider.AWS, account(1), "us-east-1"));
        assertThat(aws.organizations.count("ListAccounts")).isEqualTo(3);
        assertThat(sleeper.waits()).hasSize(2);
    }

    @Test
    void aMemberAccountCannotListTheOrganisation() {
        AwsSweepScopes scopes = new AwsSweepScopes(AwsSweepConfig.of("us-east-1", ROLE).withEndpoints(FakeEndpoints.of(aws)),
                aws.credentials.staticFor(account(9)), aws.http(), clock, sleeper, new Random(1));
        opened.add(scopes);

        assertThatThrownBy(scopes::scopes).isInstanceOf(AwsCallException.class)
                .hasMessageContaining("ListAccounts failed (HTTP 400, AccessDeniedException)");
    }

    @Test
    void nothingIsSentWhenTheScopesAndTheirSourcesAreBuilt() {
        AwsSweepScopes scopes = scopes(AwsSweepConfig.of("us-east-1", ROLE));
        scopes.keySource(new SweepScope(Provider.AWS, account(1), "us-east-1"));

        assertThat(aws.sts.requests()).isEmpty();
        assertThat(aws.kms.requests()).isEmpty();
        assertThat(aws.organizations.requests()).isEmpty();
    }

    private static List<String> concat(String first, List<String> middle, String last) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(middle);
        out.add(last);
        return out;
    }
}
