package io.keyledger.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.keyledger.aws.ledger.AwsLedgerOperation;

/**
 * The ledger's grants read back from a synthesised template, and held against what the ledger's AWS side
 * declares ({@link AwsLedgerOperation}): the actions a role holds on the ledger key, bucket and queue, and
 * the resources each is granted on.
 */
final class LedgerGrants {

    /** The logical ids of the ledger's resources in the template. */
    record Resources(String keyId, String bucketId, String queueId) {
    }

    private LedgerGrants() {
    }

    /** The IAM actions of the rows of a role's purposes. */
    static Set<String> declared(Permissions.LedgerRole role) {
        return role.operations().stream().map(o -> o.operation().permission())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The ledger statements of {@code roleId}: those {@link Permissions#ledgerStatements} writes. */
    static List<Cfn.Statement> statements(Map<String, Object> template, String roleId) {
        return Cfn.statements(template).stream()
                .filter(s -> s.isIdentityPolicy() && s.roles().contains(roleId))
                .filter(s -> String.valueOf(s.body().get("Sid")).startsWith(Permissions.LEDGER_SID_PREFIX))
                .toList();
    }

    /** Every other identity statement that names the ledger's key, bucket or queue. */
    static List<Cfn.Statement> others(Map<String, Object> template) {
        return Cfn.statements(template).stream().filter(Cfn.Statement::isIdentityPolicy)
                .filter(s -> !String.valueOf(s.body().get("Sid")).startsWith(Permissions.LEDGER_SID_PREFIX))
                .filter(s -> s.resources().stream().anyMatch(LedgerGrants::ofTheLedger))
                .toList();
    }

    static Set<String> granted(List<Cfn.Statement> statements) {
        return statements.stream().flatMap(s -> s.actions().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * Each statement grants declared actions only, on the one resource their rows' target names: the key, the
     * bucket (listing under {@code checkpoints/} only), the checkpoint or archive objects, or the queue.
     */
    static void assertResourcesFollowTheDeclaration(List<Cfn.Statement> statements, Resources r) {
        for (Cfn.Statement s : statements) {
            assertThat(s.resources()).as(s.logicalId()).hasSize(1);
            String resource = s.resources().get(0);
            for (String action : s.actions()) {
                String[] parts = action.split(":", 2);
                Set<String> expected = Arrays.stream(AwsLedgerOperation.values())
                        .filter(o -> o.operation().permission().equals(action)
                                && o.operation().service().equals(parts[0]))
                        .map(o -> arn(o.target(), r)).collect(Collectors.toSet());
                assertThat(expected).as(s.logicalId() + " grants " + action + ", which the ledger does not declare")
                        .isNotEmpty();
                assertThat(expected).as(s.logicalId() + " " + action).contains(resource);
                if (resource.equals(arn(AwsLedgerOperation.Target.CHECKPOINT_PREFIX, r))) {
                    assertThat(s.condition()).as(s.logicalId() + " " + action)
                            .isEqualTo(Map.of("StringLike", Map.of("s3:prefix", "checkpoints/*")));
                }
            }
        }
    }

    static String arn(AwsLedgerOperation.Target target, Resources r) {
        return switch (target) {
            case LEDGER_KEY -> "${" + r.keyId() + ".Arn}";
            case CHECKPOINT_PREFIX -> "${" + r.bucketId() + ".Arn}";
            case CHECKPOINT_OBJECTS -> "${" + r.bucketId() + ".Arn}/checkpoints/*";
            case ARCHIVE_OBJECTS -> "${" + r.bucketId() + ".Arn}/archive/*";
            case CHECKPOINT_QUEUE -> "${" + r.queueId() + ".Arn}";
        };
    }

    private static boolean ofTheLedger(String resource) {
        return resource.startsWith("${LedgerKey") || resource.startsWith("${LedgerBucket")
                || resource.startsWith("${CheckpointQueue");
    }
}
