package io.keyledger.infra.aws;

import static io.keyledger.infra.aws.Cfn.environment;
import static io.keyledger.infra.aws.Cfn.properties;
import static io.keyledger.infra.aws.Cfn.resources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

import io.keyledger.aws.kms.AwsSweepOperation;
import io.keyledger.aws.kms.AwsSweepOperation.Purpose;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/** The app as {@code infra/aws/cdk.json} runs it, with cdk.json's context and nothing else. */
class KeyLedgerAppTest {

    @TempDir
    static Path repository;

    static CloudAssembly assembly;
    static Map<String, Object> central;

    @BeforeAll
    static void synthesiseWithDefaultContext() throws Exception {
        // a repository whose adapters-aws has been built: the jar at the contract's path
        Cfn.dummyJar(repository.resolve(LambdaContract.LAMBDA_JAR));
        App app = App.Builder.create().context(Cfn.cdkJsonContext())
                .outdir(repository.resolve("infra/aws/cdk.out").toString()).build();
        assembly = KeyLedgerApp.synth(app, repository);
        central = Cfn.map(assembly.getStackByName(KeyLedgerApp.STACK).getTemplate());
    }

    @Test
    void cdkJsonRunsTheAppsMainClassAfterTheReactorCompiledTheDeclarationItReads() throws Exception {
        String command = String.valueOf(Cfn.cdkJson().get("app"));
        // from the repository root, so that core and adapters-aws come from the reactor, not a local repository
        assertThat(command).contains("-f ../../pom.xml").contains("-pl infra").contains("-am").contains("-Psynth");
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        var xpath = XPathFactory.newInstance().newXPath();
        assertThat(xpath.evaluate("/project/build/plugins/plugin[artifactId='exec-maven-plugin']/configuration/mainClass",
                pom)).isEqualTo(KeyLedgerApp.class.getName());
        String phase = xpath.evaluate("/project/profiles/profile[id='synth']/build/plugins/plugin"
                + "[artifactId='exec-maven-plugin']/executions/execution[goals/goal='java']/phase", pom);
        assertThat(phase).as("the synth profile's exec:java phase").isNotBlank();
        assertThat(List.of(command.split(" "))).as(command + " reaches the synth profile's phase").contains(phase);
        Method method = KeyLedgerApp.class.getMethod("main", String[].class);
        assertThat(Modifier.isStatic(method.getModifiers())).isTrue();
    }

    @Test
    void byDefaultTheSweepRolesAndTheMemberRoleHoldExactlyTheDeclaredOperations() {
        var member = Cfn.map(assembly.getStackByName(KeyLedgerApp.MEMBER_STACK).getTemplate());
        var memberRole = resources(member, "AWS::IAM::Role").keySet().iterator().next();
        Set<String> granted = new LinkedHashSet<>(SweepGrants.granted(SweepGrants.statements(member, memberRole)));
        for (String name : List.of(KeyLedgerStack.FAN_OUT_ROLE_NAME, KeyLedgerStack.WORKER_ROLE_NAME)) {
            var statements = SweepGrants.statements(central, roleId(name));
            SweepGrants.assertResourcesFollowTheDeclaration(statements, DeploymentSettings.DEFAULT_MEMBER_ROLE_NAME);
            granted.addAll(SweepGrants.granted(statements));
        }
        assertThat(granted).containsExactlyInAnyOrderElementsOf(SweepGrants.actions(List.of(AwsSweepOperation.values())));
        assertThat(SweepGrants.granted(SweepGrants.statements(central, roleId(KeyLedgerStack.FAN_OUT_ROLE_NAME))))
                .containsExactlyInAnyOrderElementsOf(SweepGrants.actionsFor(Purpose.FIND_SCOPES, Purpose.REACH_ACCOUNTS));
    }

    @Test
    void cdkJsonDefaultsAreTheContractsAndTheSettingsDefaults() {
        assertThat(Cfn.cdkJsonContext())
                .containsEntry(DeploymentSettings.LAMBDA_JAR, LambdaContract.LAMBDA_JAR)
                .containsEntry(DeploymentSettings.SWEEP_SCHEDULE, DeploymentSettings.DEFAULT_SWEEP_SCHEDULE)
                .containsEntry(DeploymentSettings.MEMBER_ROLE_NAME, DeploymentSettings.DEFAULT_MEMBER_ROLE_NAME);
    }

    @Test
    void theAppSynthesisesBothStacks() {
        assertThat(assembly.getStacks()).extracting(s -> s.getStackName())
                .containsExactlyInAnyOrder(KeyLedgerApp.STACK, KeyLedgerApp.MEMBER_STACK);
        assertThat(Files.isRegularFile(repository.resolve("infra/aws/cdk.out/KeyLedgerMemberRole.template.json"))).isTrue();
    }

    @Test
    void withoutATrailBucketThereIsNoS3Ingest() {
        assertThat(Cfn.functionsByBean(central).keySet()).containsExactlyInAnyOrder(LambdaContract.INGEST_QUEUE,
                LambdaContract.SWEEP_FAN_OUT, LambdaContract.SWEEP_WORKER, LambdaContract.ADMIN_API,
                LambdaContract.SIGN_CHECKPOINTS, LambdaContract.MAINTAIN_LEDGER);
        assertThat(resources(central, "Custom::S3BucketNotifications")).isEmpty();
        // the only S3 grants are the ledger bucket's
        assertThat(Cfn.statements(central)).filteredOn(Cfn.Statement::isIdentityPolicy)
                .filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("s3:")))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.resources()).allSatisfy(r -> assertThat(r).startsWith("${LedgerBucket")));
    }

    @Test
    void byDefaultEveryOrganizationAccountIsSweptEverySixHours() {
        var fanOut = environment(properties(Cfn.functionsByBean(central).get(LambdaContract.SWEEP_FAN_OUT)));
        assertThat(fanOut).containsEntry(LambdaContract.ACCOUNTS, "").containsEntry(LambdaContract.REGIONS, "")
                .containsEntry(LambdaContract.MEMBER_ROLE_NAME, "KeyLedgerSweepRole")
                .doesNotContainKey(LambdaContract.EXTERNAL_ID);
        assertThat(Cfn.statements(central)).filteredOn(s -> s.actions().contains("organizations:ListAccounts"))
                .singleElement().satisfies(s -> assertThat(s.resources()).containsExactly("*"));
        assertThat(resources(central, "AWS::Scheduler::Schedule").values()).map(Cfn::properties)
                .filteredOn(s -> Cfn.render(Cfn.map(s.get("Target")).get("Arn")).startsWith("${SweepFanOutFunctionLive"))
                .singleElement().satisfies(s -> assertThat(s).containsEntry("ScheduleExpression", "rate(6 hours)"));
        // no organization given: the member role may be assumed in any account that deploys it
        assertThat(Cfn.statements(central)).filteredOn(s -> s.actions().contains("sts:AssumeRole") && s.isIdentityPolicy())
                .hasSize(2).allSatisfy(s -> assertThat(s.condition()).isEmpty());
    }

    @Test
    void byDefaultNoPolicyIsSetAndTheMappingsAreEmpty() {
        Cfn.functionsByBean(central).forEach((bean, function) -> {
            var variables = environment(properties(function));
            assertThat(variables).as(bean).doesNotContainKey(LambdaContract.POLICY)
                    .containsEntry(LambdaContract.TENANTS, "{}");
        });
    }

    @Test
    void pausedDisablesTheSchedulesAndTheRulesButKeepsTheQueuesDraining() {
        var context = new HashMap<>(Cfn.cdkJsonContext());
        context.put(DeploymentSettings.PAUSED, "true");
        App app = App.Builder.create().context(context).build();
        var settings = DeploymentSettings.fromContext(app.getNode()::tryGetContext, repository);
        var paused = Template.fromStack(new KeyLedgerStack(app, "Paused", StackProps.builder().build(), settings)).toJSON();
        // the sweep and the ledger maintenance
        assertThat(resources(paused, "AWS::Scheduler::Schedule").values())
                .hasSize(2).allSatisfy(s -> assertThat(properties(s)).containsEntry("State", "DISABLED"));
        assertThat(resources(paused, "AWS::Events::Rule").values())
                .hasSize(2).allSatisfy(r -> assertThat(properties(r)).containsEntry("State", "DISABLED"));
        // ingest, sweep workers and checkpoint signing still drain their queues
        assertThat(resources(paused, "AWS::Lambda::EventSourceMapping").values())
                .hasSize(3).allSatisfy(m -> assertThat(properties(m)).doesNotContainEntry("Enabled", false));
    }

    @Test
    void aMissingJarFailsNamingTheContextValue() {
        App app = App.Builder.create().context(Cfn.cdkJsonContext()).build();
        var settings = DeploymentSettings.fromContext(app.getNode()::tryGetContext, repository.resolve("elsewhere"));
        assertThatThrownBy(() -> new KeyLedgerStack(app, "Broken", StackProps.builder().build(), settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lambdaJar")
                .hasMessageContaining("keyledger-aws-lambda.jar does not exist");
    }

    @Test
    void theRepositoryRootIsFoundFromTheCdkJsonDirectory() {
        Path fromCdkJson = KeyLedgerApp.repositoryRoot(Path.of("aws"));
        assertThat(fromCdkJson.resolve("infra/aws/cdk.json")).isRegularFile();
        assertThat(KeyLedgerApp.repositoryRoot(Path.of(""))).isEqualTo(fromCdkJson);
        assertThatThrownBy(() -> KeyLedgerApp.repositoryRoot(repository))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("infra/pom.xml");
    }

    /** The logical id of the central stack's role with this name. */
    private static String roleId(String roleName) {
        return resources(central, "AWS::IAM::Role").entrySet().stream()
                .filter(e -> roleName.equals(properties(e.getValue()).get("RoleName")))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no role " + roleName));
    }
}
