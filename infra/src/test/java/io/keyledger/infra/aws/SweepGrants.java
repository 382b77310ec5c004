package io.keyledger.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.keyledger.aws.kms.AwsSweepOperation;
import io.keyledger.aws.kms.AwsSweepOperation.Purpose;
import io.keyledger.core.sweep.ApiOperation;

/**
 * The sweep's grants read back from a synthesised template, and held against what the sweep declares
 * ({@link AwsSweepOperation}): the actions of the declared services a role holds, and their resources.
 */
final class SweepGrants {

    /** The services the sweep sends to: any action of theirs a sweep role holds must be declared. */
    static final Set<String> SERVICES = AwsSweepOperation.operations().stream().map(ApiOperation::service)
            .collect(Collectors.toCollection(LinkedHashSet::new));

    /** The alert topic's key, used through SNS only: a grant of the alerts, not of the sweep. */
    static final String ALERT_KEY_SID = "AlertTopicKey";

    static final String ACCOUNT_KEYS = "arn:${AWS::Partition}:kms:*:${AWS::AccountId}:key/*";

    private SweepGrants() {
    }

    /** The IAM actions of the rows, in the table's order. */
    static Set<String> actions(Collection<AwsSweepOperation> rows) {
        return rows.stream().map(r -> r.operation().permission()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The IAM actions of every row sent for one of {@code purposes}. */
    static Set<String> actionsFor(Purpose... purposes) {
        return actions(Arrays.stream(AwsSweepOperation.values())
                .filter(r -> List.of(purposes).contains(r.purpose())).toList());
    }

    /**
     * The identity statements of {@code roleId} that grant actions of the sweep's services, but the alert key's
     * and the ledger's (the ledger key is a KMS key too: {@link LedgerGrants} holds those).
     */
    static List<Cfn.Statement> statements(Map<String, Object> template, String roleId) {
        return Cfn.statements(template).stream()
                .filter(s -> s.isIdentityPolicy() && s.roles().contains(roleId))
                .filter(s -> !ALERT_KEY_SID.equals(s.body().get("Sid")))
                .filter(s -> !String.valueOf(s.body().get("Sid")).startsWith(Permissions.LEDGER_SID_PREFIX))
                .filter(s -> s.actions().stream().anyMatch(SweepGrants::ofASweepService))
                .toList();
    }

    /** The actions of the sweep's services those statements grant, each once. */
    static Set<String> granted(List<Cfn.Statement> statements) {
        return statements.stream().flatMap(s -> s.actions().stream()).filter(SweepGrants::ofASweepService)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * Each granted declared action is on the resources the table allows: {@code *} only without
     * resource-level permission, the account's keys for KMS reads of a key, the member role for STS.
     */
    static void assertResourcesFollowTheDeclaration(List<Cfn.Statement> statements, String memberRoleName) {
        for (Cfn.Statement s : statements) {
            for (String action : s.actions()) {
                String[] parts = action.split(":", 2);
                ApiOperation op = AwsSweepOperation.find(parts[0], parts[1]).orElseThrow(() ->
                        new AssertionError(s.logicalId() + " grants " + action + ", which the sweep does not declare"))
                        .operation();
                String expected = !op.resourceLevel() ? "*" : switch (op.service()) {
                    case "kms" -> ACCOUNT_KEYS;
                    case "sts" -> "arn:${AWS::Partition}:iam::*:role/" + memberRoleName;
                    default -> throw new AssertionError("no resource expected for " + op);
                };
                assertThat(s.resources()).as(s.logicalId() + " " + action).containsExactly(expected);
            }
        }
    }

    private static boolean ofASweepService(String action) {
        int colon = action.indexOf(':');
        return colon > 0 && SERVICES.contains(action.substring(0, colon));
    }
}
