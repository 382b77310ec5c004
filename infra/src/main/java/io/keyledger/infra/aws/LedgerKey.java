package io.keyledger.infra.aws;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.CfnAlias;
import software.amazon.awscdk.services.kms.CfnKey;
import software.constructs.Construct;

/**
 * The ledger's signing key: an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY) whose private half never
 * leaves KMS. It signs checkpoints, purge attestations and archived segments with ECDSA_SHA_256, and its
 * public key ({@code aws kms get-public-key}) verifies them anywhere, with {@code keyledger verify} or
 * {@code openssl}.
 *
 * <p>The key policy hands the use of the key to IAM (the account root as principal), so that only the
 * roles whose policies grant {@code kms:Sign} on it, the checkpoint signer and the ledger maintenance
 * (see {@link Permissions#ledgerStatements}), may sign; the functions that write the table do not. It
 * outlives the stack: without it the ledger can still be verified with an exported public key, but not
 * extended.
 */
final class LedgerKey extends Construct {

    /** What the account's administrators may do with the key: everything but sign with it. */
    static final List<String> ADMINISTRATION_ACTIONS = List.of(
            "kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy", "kms:GetPublicKey",
            "kms:EnableKey", "kms:DisableKey", "kms:UpdateKeyDescription",
            "kms:ListResourceTags", "kms:TagResource", "kms:UntagResource",
            "kms:ListGrants", "kms:RevokeGrant",
            "kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias",
            "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion");

    /** The one signing algorithm the ledger uses: the key refuses any other. */
    static final String SIGNING_ALGORITHM = "ECDSA_SHA_256";

    private final CfnKey key;

    LedgerKey(Construct scope, String id) {
        super(scope, id);
        var policy = PolicyDocument.Builder.create().statements(List.of(
                PolicyStatement.Builder.create()
                        .sid("KeyAdministration")
                        .principals(List.of(new AccountRootPrincipal()))
                        .actions(ADMINISTRATION_ACTIONS)
                        .resources(List.of("*"))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("SignThroughIamPolicies")
                        .principals(List.of(new AccountRootPrincipal()))
                        .actions(List.of("kms:Sign"))
                        .resources(List.of("*"))
                        .conditions(Map.of("StringEquals", Map.of("kms:SigningAlgorithm", SIGNING_ALGORITHM)))
                        .build()))
                .build();
        this.key = CfnKey.Builder.create(this, "Key")
                .description("KeyLedger ledger signing key (checkpoints, purge attestations, archived segments)")
                .keySpec("ECC_NIST_P256")
                .keyUsage("SIGN_VERIFY")
                .keyPolicy(policy)
                .pendingWindowInDays(30)
                .build();
        // The signatures in the bucket outlive the stack; so does the key that made them
        key.applyRemovalPolicy(RemovalPolicy.RETAIN);
        CfnAlias.Builder.create(this, "Alias")
                .aliasName("alias/" + Aws.STACK_NAME + "/ledger")
                .targetKeyId(key.getRef())
                .build();
    }

    CfnKey key() {
        return key;
    }
}
