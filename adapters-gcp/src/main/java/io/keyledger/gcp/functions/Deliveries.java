package io.keyledger.gcp.functions;

import io.keyledger.functions.ingest.IngestOutcome;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * What one ingested delivery (one CloudEvent, one push request) comes to:
 * <ul>
 *   <li>every record applied, duplicate or ignored: done;</li>
 *   <li>records the decoders or the inventory refused (malformed, not an audit log, an impossible event):
 *       the good records are applied, the bad ones reported ({@link DeliveryReports}) and the delivery
 *       acknowledged, since delivering it again would fail the same way for days;</li>
 *   <li>the store failed: {@link DeliveryFailedException}, for the delivery to come again.</li>
 * </ul>
 */
final class Deliveries {

    private static final Logger LOG = System.getLogger(Deliveries.class.getName());

    private Deliveries() {
    }

    /**
     * Returns when the delivery is to be acknowledged, having reported what it refused.
     *
     * @throws DeliveryFailedException when the delivery must come again
     */
    static void settle(String function, String delivery, IngestOutcome outcome, DeliveryReports reports) {
        if (!outcome.retryMessageIds().isEmpty()) {
            throw new DeliveryFailedException(function, delivery, outcome);
        }
        if (!outcome.allSucceeded()) {
            reports.rejected(function, delivery, outcome.problems());
            return;
        }
        LOG.log(Level.DEBUG, () -> function + ": delivery " + delivery + ": " + outcome.records() + " records, "
                + outcome.applied() + " applied, " + outcome.duplicates() + " duplicates, " + outcome.ignored()
                + " ignored");
    }
}
