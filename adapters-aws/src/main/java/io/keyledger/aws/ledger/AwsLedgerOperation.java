package io.keyledger.aws.ledger;

import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every AWS API operation the ledger's AWS side sends, in one table, with what it is for and on which
 * resource: signing with the KMS ledger key ({@link KmsSigner}), checkpoints and archived segments in the
 * ledger bucket ({@link S3CheckpointAnchor}, {@link S3ArchiveObjects}), and the writers' checkpoint requests
 * ({@link SqsCheckpointRequests}). The ledger's SDK clients refuse an operation without a row
 * ({@link LedgerOperationCheck}), and the deployment templates (module {@code infra}) grant each function
 * exactly the rows of its purposes, on the resource each row names: a writer of the store is never granted
 * {@link Purpose#SIGN}. Nothing here may touch the AWS SDK: the CDK app reads this table.
 */
public enum AwsLedgerOperation {
    SIGN(Purpose.SIGN, Target.LEDGER_KEY, "kms", "Sign", "kms:Sign"),
    GET_PUBLIC_KEY(Purpose.VERIFY, Target.LEDGER_KEY, "kms", "GetPublicKey", "kms:GetPublicKey"),
    LIST_CHECKPOINTS(Purpose.VERIFY, Target.CHECKPOINT_PREFIX, "s3", "ListObjects", "s3:ListBucket"),
    GET_CHECKPOINT(Purpose.VERIFY, Target.CHECKPOINT_OBJECTS, "s3", "GetObject", "s3:GetObject"),
    PUT_CHECKPOINT(Purpose.ANCHOR, Target.CHECKPOINT_OBJECTS, "s3", "PutObject", "s3:PutObject"),
    GET_SEGMENT(Purpose.READ_ARCHIVE, Target.ARCHIVE_OBJECTS, "s3", "GetObject", "s3:GetObject"),
    PUT_SEGMENT(Purpose.ARCHIVE, Target.ARCHIVE_OBJECTS, "s3", "PutObject", "s3:PutObject"),
    /** Not a call of its own: what a PutObject that sets an Object Lock retention needs beside s3:PutObject. */
    LOCK_SEGMENT(Purpose.ARCHIVE, Target.ARCHIVE_OBJECTS, "s3", "PutObjectRetention", "s3:PutObjectRetention"),
    DELETE_SEGMENT(Purpose.ARCHIVE, Target.ARCHIVE_OBJECTS, "s3", "DeleteObject", "s3:DeleteObject"),
    REQUEST_CHECKPOINT(Purpose.REQUEST_CHECKPOINTS, Target.CHECKPOINT_QUEUE, "sqs", "SendMessageBatch",
            "sqs:SendMessage");

    /** What an operation is sent for; each function is granted the purposes its role has. */
    public enum Purpose {
        /** Signing checkpoints, purge attestations and segments: the signing and maintenance functions only. */
        SIGN,
        /** Verifying: the public key and the newest anchored checkpoint. */
        VERIFY,
        /** Appending checkpoints to the bucket. */
        ANCHOR,
        /** Reading archived segments (a key's history, the ledger across both tiers). */
        READ_ARCHIVE,
        /** Writing and deleting archived segments: the maintenance function only. */
        ARCHIVE,
        /** Asking for a checkpoint at the end of a batch: the writers. */
        REQUEST_CHECKPOINTS
    }

    /** The resource an operation acts on, which the templates turn into an ARN. */
    public enum Target {
        LEDGER_KEY,
        /** The bucket itself, listed under {@code checkpoints/} only. */
        CHECKPOINT_PREFIX,
        CHECKPOINT_OBJECTS,
        ARCHIVE_OBJECTS,
        CHECKPOINT_QUEUE
    }

    /** Where checkpoints are in the ledger bucket. */
    public static final String CHECKPOINTS_PREFIX = "checkpoints/";
    /** Where archived segments are in the ledger bucket. */
    public static final String ARCHIVE_PREFIX = "archive/";

    private final Purpose purpose;
    private final Target target;
    private final ApiOperation operation;

    AwsLedgerOperation(Purpose purpose, Target target, String service, String name, String permission) {
        this.purpose = purpose;
        this.target = target;
        this.operation = new ApiOperation(Provider.AWS, service, name, permission, true);
    }

    public Purpose purpose() {
        return purpose;
    }

    public Target target() {
        return target;
    }

    public ApiOperation operation() {
        return operation;
    }

    /** The rows of these purposes, in the table's order. */
    public static List<AwsLedgerOperation> of(List<Purpose> purposes) {
        return Arrays.stream(values()).filter(o -> purposes.contains(o.purpose)).toList();
    }

    /** A row of an operation of a service, if the ledger declares it. */
    public static Optional<AwsLedgerOperation> find(String service, String name) {
        return Arrays.stream(values())
                .filter(o -> o.operation.service().equals(service) && o.operation.name().equals(name))
                .findFirst();
    }
}
