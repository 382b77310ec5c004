package io.keyledger.tests.aws;

import io.keyledger.aws.sweep.AwsEndpoints;
import io.keyledger.testkit.aws.AwsFakes;
import java.util.Optional;

/** The AWS adapter's endpoints pointed at the testkit's fakes (the testkit knows no adapter). */
public final class FakeEndpoints {

    private FakeEndpoints() {
    }

    public static AwsEndpoints of(AwsFakes aws) {
        return new AwsEndpoints(Optional.of(aws.kms.uri()), Optional.of(aws.sts.uri()),
                Optional.of(aws.organizations.uri()), Optional.of(aws.account.uri()), Optional.of(aws.sqs.uri()));
    }
}
