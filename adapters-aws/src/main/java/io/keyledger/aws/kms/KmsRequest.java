package io.keyledger.aws.kms;

import io.keyledger.core.sweep.PacingPolicy;

/**
 * The KMS operations a sweep calls, each with its documented request quota per account and Region
 * (AWS KMS Developer Guide, "Request quotas"). Each quota is metered on its own, so each is paced on its
 * own: a page of keys costs one ListKeys, but a DescribeKey, a GetKeyRotationStatus, a ListKeyRotations
 * and a ListResourceTags per key.
 */
enum KmsRequest {
    LIST_KEYS("ListKeys", PacingPolicy.AWS_LIST_KEYS_PER_SECOND),
    LIST_ALIASES("ListAliases", PacingPolicy.AWS_LIST_KEYS_PER_SECOND),
    DESCRIBE_KEY("DescribeKey", PacingPolicy.AWS_DESCRIBE_KEY_PER_SECOND),
    GET_KEY_ROTATION_STATUS("GetKeyRotationStatus", PacingPolicy.AWS_GET_KEY_ROTATION_STATUS_PER_SECOND),
    LIST_KEY_ROTATIONS("ListKeyRotations", PacingPolicy.AWS_LIST_KEY_ROTATIONS_PER_SECOND),
    LIST_RESOURCE_TAGS("ListResourceTags", PacingPolicy.AWS_LIST_RESOURCE_TAGS_PER_SECOND);

    private final String operation;
    private final double documentedPerSecond;

    KmsRequest(String operation, double documentedPerSecond) {
        this.operation = operation;
        this.documentedPerSecond = documentedPerSecond;
    }

    /** The API operation's name, as IAM actions ({@code kms:ListKeys}) and CloudTrail name it. */
    String operation() {
        return operation;
    }

    double documentedPerSecond() {
        return documentedPerSecond;
    }
}
