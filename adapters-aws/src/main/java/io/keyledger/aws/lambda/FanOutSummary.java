package io.keyledger.aws.lambda;

import java.util.List;
import java.util.Map;

/**
 * What {@code sweepFanOut} queued: the function's answer, and its log line.
 *
 * @param sweepId             the id every message of the sweep carries, and its reports are kept under
 * @param scopes              the (account, Region) scopes found
 * @param sent                the messages SQS took, one per scope
 * @param failed              the scopes whose message SQS did not take, with SQS's error
 * @param unreachableAccounts accounts whose Regions could not be listed, with why; they are not swept
 */
public record FanOutSummary(String sweepId, int scopes, int sent, List<FailedScope> failed,
                            Map<String, String> unreachableAccounts) {

    public FanOutSummary {
        failed = List.copyOf(failed);
        unreachableAccounts = Map.copyOf(unreachableAccounts);
    }

    /** One scope SQS did not take. */
    public record FailedScope(String account, String region, String code, String message) {
    }

    @Override
    public String toString() {
        return "sweep " + sweepId + ": " + scopes + " scopes, " + sent + " queued, " + failed.size() + " not queued, "
                + unreachableAccounts.size() + " accounts unreachable";
    }
}
