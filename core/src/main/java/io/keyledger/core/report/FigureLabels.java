package io.keyledger.core.report;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The evidence figures in words, for the page a person reads: the JSON keeps the figures' names, the page
 * shows these. A figure without a label here is shown with its name split into words;
 * {@code FigureLabelsTest} keeps every figure the report gives labelled.
 */
final class FigureLabels {

    private static final Map<String, String> LABELS = labels();

    private FigureLabels() {
    }

    /** The figure's label, or its name in words. */
    static String label(String figure) {
        return known(figure).orElseGet(() -> split(figure));
    }

    /** The figure's label, if it has one. */
    static Optional<String> known(String figure) {
        return Optional.ofNullable(LABELS.get(figure));
    }

    /** {@code keysByOwnerBasis} as "keys by owner basis", {@code PRE_ACTIVATION} as "pre-activation". */
    static String split(String name) {
        if (name.matches("[A-Z][A-Z0-9_]*")) {
            return name.toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        String words = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** A provider code in words ({@code aws} as "AWS KMS"); anything else as it is. */
    static String provider(String code) {
        return switch (code) {
            case "aws" -> "AWS KMS";
            case "azure" -> "Azure Key Vault";
            case "gcp" -> "Google Cloud KMS";
            default -> code;
        };
    }

    private static Map<String, String> labels() {
        Map<String, String> m = new TreeMap<>();
        // CEK-21.1
        m.put("keys", "Key records in the inventory");
        m.put("keysByProvider", "Keys by provider");
        m.put("eventsLedgered", "Audit events received and ledgered");
        m.put("lastEventReceivedAt", "Newest audit event received");
        m.put("lastSweepFinishedAt", "Latest sweep finished");
        // CEK-21.2
        m.put("shareWithOwner", "Keys with an owner");
        m.put("shareWithInferredOwner", "Keys whose owner is inferred from their creator");
        m.put("keysByOwnerBasis", "Keys by where their owner comes from");
        m.put("shareWithAlgorithm", "Keys with a known algorithm");
        m.put("shareWithKind", "Keys with a known type");
        m.put("shareWithUsageContext", "Keys with a usage context");
        m.put("partiallyObservedKeys", "Keys only partially observed");
        m.put("keysWithStateUnknown", "Keys whose state is unknown");
        m.put("keysWithProtectedResources", "Keys known to protect resources");
        m.put("keysByState", "Keys by lifecycle state");
        // CEK-21.3
        m.put("keysByManager", "Keys by who manages them");
        m.put("keysByKind", "Keys by type");
        m.put("providerManagedKeys", "Provider-managed keys");
        m.put("aiKeys", "Keys used by AI services");
        m.put("scopesHoldingKeys", "Scopes (account and region, vault, project and location) holding keys");
        m.put("scopesWithRecentCompleteSweep", "Of those, scopes with a recent complete sweep");
        m.put("scopesNotSwept", "Scopes holding keys without a recent complete sweep");
        // CEK-21.4
        m.put("keyRecordChangesLedgered", "Key record changes ledgered");
        m.put("shareOfEventsWithPrincipalAndChannel", "Events that name who made them and through which channel");
        m.put("ledgerRecordsChecked", "Ledger records checked");
        m.put("ledgerIntact", "The ledger's hash chain verifies");
        m.put("ledgerFirstBreak", "First broken ledger record");
        m.put("purgedRecordsAttested", "Purged ledger records, each attested");
        m.put("lowestEventCoverageOfLatestSweeps", "Lowest share of swept keys that audit events explain");
        m.put("newestCheckpoint", "Newest signed checkpoint");
        m.put("newestCheckpointAge", "Age of the newest signed checkpoint");
        m.put("checkpointVerified", "The newest checkpoint verifies with the public key");
        m.put("keyRecordsCheckedAgainstLedger", "Key records checked against the ledger");
        m.put("eventsCheckedAgainstLedger", "Stored events checked against the ledger");
        m.put("sequence", "Ledger record");
        m.put("signedAt", "Signed");
        m.put("keyId", "Signing key");
        m.put("anchoredOutsideTheStore", "Kept outside the store too");
        // CEK-21.5
        m.put("roles", "What each role may do");
        m.put("tenantIsolation", "Tenant isolation");
        m.put("principalsWithRoles", "Principals holding a role in this tenant");
        m.put("principalsByRole", "Principals by role");
        m.put("roleGrants", "Who holds which role, and from where");
        m.put("roleGrantsBySource", "Role grants by source");
        m.put("localTokensLive", "Local API tokens issued and not yet expired");
        m.put("localTokensIssued", "Local API tokens issued (ledgered)");
        m.put("requestsRefused", "Requests refused (ledgered)");
        m.put("lastRequestRefusedAt", "Latest request refused");
        m.put("refusedByOperation", "Requests refused by operation");
        m.put("accessReviews", "Access reviews recorded");
        m.put("lastAccessReviewAt", "Access last reviewed");
        m.put("lastAccessReviewBy", "Access last reviewed by");
        m.put("grantsNotReviewed", "Role grants made or changed since the last review");
        m.put("accessReviewInterval", "Access reviewed at least every");
        m.put("localUser", "At the command line");
        // CEK-21.6
        m.put("historyRetention", "Key history kept for");
        m.put("ledgerRetention", "Ledger records kept for");
        m.put("destroyedKeyMetadataRetention", "Destroyed keys' metadata kept for");
        m.put("hotWindowBeforeArchive", "Ledger kept in the store before archiving, for");
        m.put("archivedSegments", "Archived ledger segments");
        m.put("retentionPolicySetByTenant", "The tenant set its own retention policy");
        m.put("legalHoldsOnTenant", "Legal holds on the whole tenant");
        m.put("legalHoldsOnKeys", "Legal holds on single keys");
        m.put("destroyedKeysRetained", "Destroyed keys whose metadata is still kept");
        m.put("purgesAttested", "Purges attested in the ledger");
        // CEK-21.7
        m.put("aiKeysByCategory", "AI keys by use");
        m.put("aiKeysByService", "AI keys by service");
        m.put("shareOfAiKeysWithOwner", "AI keys with an owner");
        // CEK-21.8
        m.put("rulesEnabled", "Anomaly rules switched on");
        m.put("rulesDisabled", "Anomaly rules switched off");
        m.put("custodiansConfigured", "Key custodians configured");
        m.put("changeWindowsConfigured", "Change windows configured");
        m.put("openAlerts", "Open alerts");
        m.put("openAlertsByRule", "Open alerts by rule");
        m.put("openAlertsBySeverity", "Open alerts by severity");
        m.put("acknowledgedAlerts", "Acknowledged alerts");
        m.put("oldestOpenHighOrCriticalAlertRaisedAt", "Oldest open HIGH or CRITICAL alert raised");
        // CEK-21.9
        m.put("lastSweepAgeDays", "Days since the latest sweep");
        m.put("scopesSwept", "Scopes swept in the last 30 days");
        m.put("scopesHoldingKeysWithoutRecentCompleteSweep", "Scopes holding keys without a complete sweep this week");
        m.put("latestSweepsPartial", "Latest sweeps cut short (partial)");
        m.put("lowestInventoryCoverageOfLatestSweeps", "Lowest share of swept keys the inventory already had right");
        m.put("untrackedInLatestSweeps", "Keys the latest sweeps found untracked (audit gaps)");
        m.put("missingInLatestSweeps", "Keys the latest sweeps found missing from the cloud");
        m.put("driftedInLatestSweeps", "Keys the latest sweeps found drifted");
        m.put("providersSwept", "Providers swept");
        // CEK-21.10
        m.put("shareWithResponsibleParty", "Keys naming their responsible party");
        m.put("shareWithResponsibilityMode", "Keys naming how they are held");
        m.put("keysByResponsibleParty", "Keys by responsible party");
        m.put("keysByResponsibilityRule", "Keys by the rule that named their responsible party");
        m.put("keysWithExternalPrincipals", "Keys that principals of other accounts may use");
        m.put("exchangeFormat", "Exchange format");
        m.put("feedsExported", "Signed feeds exported");
        m.put("feedsImported", "Signed feeds imported");
        m.put("lastFeedExportedAt", "Latest feed exported");
        m.put("lastFeedImportedAt", "Latest feed imported");
        m.put("newestFeedAgeDays", "Days since the newest feed exchanged");
        m.put("partnerHeldKeys", "Partner-held keys recorded from their feeds");
        m.put("partnerHeldKeysByPartner", "Partner-held keys by partner");
        m.put("feedsByPartner", "Feeds exchanged by partner");
        // CCM
        m.put("maxCryptoperiod", "Maximum cryptoperiod");
        m.put("keysByRotationStatus", "Keys by rotation status");
        m.put("notRotatableKeysPastCryptoperiod", "Keys the provider cannot rotate, past the cryptoperiod");
        m.put("watchedChanges", "Watched changes (those that need a change reference)");
        m.put("shareOfWatchedChangesWithReference", "Watched changes carrying a change reference");
        return Map.copyOf(m);
    }
}
