package io.keyledger.aws.format;

import io.keyledger.core.decode.JsonDialect;

/**
 * How AWS writes the JSON of its records (CloudTrail, EventBridge, S3 and SQS notifications, the AWS CLI's
 * output): exact names, values as written (a blank description is a blank description), dates in
 * {@link AwsDates}' forms.
 */
final class AwsJson {

    static final JsonDialect DIALECT = JsonDialect.strict(AwsDates.FORMAT);

    private AwsJson() {
    }
}
