package io.keyledger.aws.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.aws.format.AwsDecoders;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.SnapshotFormatException;
import io.keyledger.testkit.sweep.SnapshotPaging;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved AWS CLI listings (src/test/resources/snapshot/aws/<account>/<region>/...) as key sources. */
class AwsSnapshotReaderTest {

    static final String ACCOUNT = "111122223333";
    static final String K1 = "1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String K_EXT = "0987dcba-09fe-87dc-65ba-ab0987654321";
    static final String K_MRK = "mrk-1234abcd12ab34cd56ef1234567890ab";
    static final String K_AWS = "7890a123-78a1-90c2-bcde-7890123456a1";
    static final String K_DENIED = "89a1b234-89b2-a1d3-cdef-89a1234567b2";
    static final String K_MISSING = "9ab2c345-9ac3-b2e4-def0-9ab2345678c3";

    @TempDir
    Path temp;

    private final AwsSnapshotReader reader = new AwsSnapshotReader();

    static Path snapshot() {
        try {
            return Path.of(AwsSnapshotReaderTest.class.getResource("/snapshot").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String arn(String key, String region) {
        return "arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + key;
    }

    private KeySource scope(String region) throws IOException {
        return reader.read(snapshot()).stream().filter(s -> s.scope().location().equals(region)).findFirst().orElseThrow();
    }

    private ObservedKey key(String id) throws IOException {
        KeySource east = scope("us-east-1");
        return east.describe(new KeyRef(Provider.AWS, ACCOUNT, "us-east-1", arn(id, "us-east-1"))).orElseThrow();
    }

    @Test
    void oneKeySourcePerAccountAndRegion() throws IOException {
        List<KeySource> sources = reader.read(snapshot());

        assertThat(sources).extracting(s -> s.scope().id())
                .containsExactly("aws:111122223333:us-east-1", "aws:111122223333:us-west-2");
        assertThat(reader.provider()).isEqualTo("aws");
        assertThat(reader.read(snapshot().resolve("aws"))).hasSize(2);
    }

    @Test
    void aDirectoryWithoutAwsListingsHasNoSources() throws IOException {
        assertThat(reader.read(temp)).isEmpty();
    }

    @Test
    void theListingIsInTheOrderOfListKeys() throws IOException {
        KeyListing page = scope("us-east-1").list(Optional.empty());

        assertThat(page.keys()).extracting(k -> k.ref().nativeId()).containsExactly(arn(K1, "us-east-1"),
                arn(K_EXT, "us-east-1"), arn(K_MRK, "us-east-1"), arn(K_AWS, "us-east-1"), arn(K_DENIED, "us-east-1"),
                arn(K_MISSING, "us-east-1"));
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void aReadableKeyHasItsMetadataRotationTagsAndAliases() throws IOException {
        ObservedKey k = key(K1);

        assertThat(k.unreadable()).isEmpty();
        assertThat(k.ref()).isEqualTo(new KeyRef(Provider.AWS, ACCOUNT, "us-east-1", arn(K1, "us-east-1")));
        assertThat(k.attributes()).containsAllEntriesOf(Map.ofEntries(
                Map.entry("state", "ACTIVE"), Map.entry("nativeState", "Enabled"), Map.entry("algorithm", "AES-256"),
                Map.entry("kind", "SYMMETRIC"), Map.entry("nativeSpec", "SYMMETRIC_DEFAULT"),
                Map.entry("keyUsage", "ENCRYPT_DECRYPT"), Map.entry("origin", "GENERATED"), Map.entry("protection", "HSM"),
                Map.entry("manager", "CUSTOMER"), Map.entry("description", "Payments data key"),
                Map.entry("createdAt", "2026-01-15T09:00:00Z"), Map.entry("multiRegion", "false"),
                Map.entry("rotation.enabled", "true"), Map.entry("rotation.period", "P180D"),
                Map.entry("tag.Owner", "payments"), Map.entry("tag.CostCenter", "cc-4711"),
                Map.entry("usage.aiCategory", "INFERENCE_LOGS,VECTOR_STORE"), Map.entry("alias.add", "alias/payments")));
    }

    @Test
    void epochSecondDatesOfTheAwsCliV1AreRead() throws IOException {
        assertThat(key(K_EXT).attributes()).containsEntry("createdAt", "2026-01-15T09:00:00Z")
                .containsEntry("expiresAt", "2026-07-15T00:00:00Z").containsEntry("origin", "IMPORTED")
                .doesNotContainKey("rotation.period");
    }

    @Test
    void awsManagedKeysAreInventoriedAsProviderManaged() throws IOException {
        ObservedKey k = key(K_AWS);

        assertThat(k.attributes()).containsEntry("manager", "PROVIDER").containsEntry("alias.add", "alias/aws/s3")
                .containsEntry("rotation.period", "P365D");
        assertThat(k.attributes().keySet()).noneMatch(a -> a.startsWith("tag."));
        assertThat(k.unreadable()).as("tags an AWS managed key cannot have are no reason to doubt it").isEmpty();
    }

    @Test
    void aDeniedDescribeKeyIsPartiallyObservedWithWhatTheListingSaid() throws IOException {
        ObservedKey k = key(K_DENIED);

        assertThat(k.unreadable()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("DescribeKey: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/KeyLedgerSweep"));
        assertThat(k.attributes()).isEqualTo(Map.of("alias.add", "alias/legacy-billing"));
    }

    @Test
    void aKeyWithoutADescribeFileIsPartiallyObserved() throws IOException {
        assertThat(key(K_MISSING).unreadable()).contains("no describe-key/" + K_MISSING + ".json in the snapshot");
        assertThat(key(K_MISSING).attributes()).isEmpty();
    }

    @Test
    void multiRegionKeysNameTheirPrimary() throws IOException {
        assertThat(key(K_MRK).attributes()).containsEntry("multiRegion", "true").containsEntry("replicaOf", "")
                .containsEntry("nativeState", "PendingReplicaDeletion").containsEntry("state", "DEACTIVATED");
        ObservedKey replica = scope("us-west-2").list(Optional.empty()).keys().get(0);
        assertThat(replica.attributes()).containsEntry("replicaOf", "aws:" + arn(K_MRK, "us-east-1"))
                .containsEntry("tag.Owner", "orders");
    }

    @Test
    void listingsAndEventsNameTheSameKeysAlike() throws IOException {
        KeyRef created = eventKey("/aws/cloudtrail/CreateKey.json", 0);
        KeyRef replica = eventKey("/aws/cloudtrail/ReplicateKey.json", 1);

        assertThat(scope("us-east-1").describe(created)).isPresent();
        assertThat(scope("us-west-2").describe(replica)).isPresent();
        assertThat(scope("us-west-2").list(Optional.empty()).keys().get(0).ref()).isEqualTo(replica);
    }

    @Test
    void describeOfAKeyNotInTheListingIsEmpty() throws IOException {
        assertThat(scope("us-east-1").describe(new KeyRef(Provider.AWS, ACCOUNT, "us-east-1",
                arn("00000000-0000-0000-0000-000000000000", "us-east-1")))).isEmpty();
    }

    @Test
    void largeListingsComeInPagesOfAHundred() throws IOException {
        Path dir = temp.resolve("aws").resolve(ACCOUNT).resolve("eu-central-1");
        Files.createDirectories(dir);
        StringBuilder keys = new StringBuilder("{\"Keys\":[");
        for (int i = 0; i < 250; i++) {
            String id = String.format("%08d-0000-4000-8000-000000000000", i);
            keys.append(i == 0 ? "" : ",").append("{\"KeyId\":\"").append(id).append("\",\"KeyArn\":\"")
                    .append(arn(id, "eu-central-1")).append("\"}");
        }
        Files.writeString(dir.resolve("list-keys.json"), keys.append("]}").toString());
        List<KeyListing> pages = SnapshotPaging.pagesOf250(reader.read(temp).get(0), "next please");

        assertThat(pages.get(2).keys()).allSatisfy(k -> assertThat(k.unreadable()).isPresent());
    }

    @Test
    void aTruncatedListingIsRefused() throws IOException {
        Path dir = scopeDir("us-east-2");
        Files.writeString(dir.resolve("list-keys.json"), "{\"Keys\":[],\"Truncated\":true,\"NextMarker\":\"AE0AAAACAHVzZXI\"}");

        assertThatThrownBy(() -> reader.read(temp)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("list-keys.json").hasMessageContaining("field 'Truncated'")
                .hasMessageContaining("--no-paginate");
    }

    @Test
    void aKeyOfAnotherRegionInAListingIsRefused() throws IOException {
        Path dir = scopeDir("us-east-2");
        Files.writeString(dir.resolve("list-keys.json"), "{\"Keys\":[{\"KeyId\":\"" + K1 + "\",\"KeyArn\":\""
                + arn(K1, "us-east-1") + "\"}]}");

        assertThatThrownBy(() -> reader.read(temp)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("field 'Keys[0].KeyArn'").hasMessageContaining("us-east-2");
    }

    @Test
    void aDeniedListKeysIsRefused() throws IOException {
        Path dir = scopeDir("us-east-2");
        Files.writeString(dir.resolve("list-keys.json"),
                "{\"__type\":\"com.amazonaws.kms#AccessDeniedException\",\"message\":\"not authorized to perform kms:ListKeys\"}");

        assertThatThrownBy(() -> reader.read(temp)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("ListKeys failed when saved (AccessDeniedException: not authorized");
    }

    @Test
    void aBadDateInDescribeKeyNamesTheFileAndField() throws IOException {
        Path dir = scopeDir("us-east-2");
        Files.writeString(dir.resolve("list-keys.json"), "{\"Keys\":[{\"KeyId\":\"" + K1 + "\"}]}");
        Files.createDirectories(dir.resolve("describe-key"));
        Files.writeString(dir.resolve("describe-key").resolve(K1 + ".json"),
                "{\"KeyMetadata\":{\"KeyId\":\"" + K1 + "\",\"KeyState\":\"Enabled\",\"CreationDate\":\"last tuesday\"}}");

        assertThatThrownBy(() -> reader.read(temp)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining(K1 + ".json").hasMessageContaining("field 'KeyMetadata.CreationDate'");
    }

    @Test
    void aDescribeFileThatIsNeitherJsonNorAnErrorIsRefused() throws IOException {
        Path dir = scopeDir("us-east-2");
        Files.writeString(dir.resolve("list-keys.json"), "{\"Keys\":[{\"KeyId\":\"" + K1 + "\"}]}");
        Files.createDirectories(dir.resolve("describe-key"));
        Files.writeString(dir.resolve("describe-key").resolve(K1 + ".json"), "{\"KeyMetadata\":{\"KeyId\":");

        assertThatThrownBy(() -> reader.read(temp)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("neither JSON output of the AWS CLI nor an AWS error");
    }

    @Test
    void listingsMustBeSavedUnderTheAccountId() throws IOException {
        Path dir = temp.resolve("aws").resolve("production").resolve("us-east-1");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("list-keys.json"), "{\"Keys\":[]}");

        assertThatThrownBy(() -> reader.read(temp)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("not a 12-digit AWS account id");
    }

    private ObservedKey keyWithUsageAndAccess(String lastUsage, String grants, String policy) throws IOException {
        Path dir = scopeDir("us-east-2");
        Files.writeString(dir.resolve("list-keys.json"), "{\"Keys\":[{\"KeyId\":\"" + K1 + "\"}]}");
        for (String[] f : new String[][] {{"describe-key", "{\"KeyMetadata\":{\"KeyId\":\"" + K1 + "\",\"KeyState\":\"Enabled\"}}"},
                {"get-key-last-usage", lastUsage}, {"list-grants", grants}, {"get-key-policy", policy}}) {
            Files.createDirectories(dir.resolve(f[0]));
            Files.writeString(dir.resolve(f[0]).resolve(K1 + ".json"), f[1]);
        }
        return reader.read(temp).get(0).describe(new KeyRef(Provider.AWS, ACCOUNT, "us-east-2", arn(K1, "us-east-2")))
                .orElseThrow();
    }

    @Test
    void savedLastUsageGrantsAndPolicyAreReadAsALiveSweepReadsThem() throws IOException {
        ObservedKey k = keyWithUsageAndAccess("""
                {"KeyId": "%1$s", "KeyLastUsage": {"Timestamp": "2026-02-27T22:14:05Z", "Operation": "GENERATE_DATA_KEY"}}""".formatted(K1),
                """
                {"Grants": [{"KeyId": "%1$s", "GrantId": "g1", "GranteePrincipal": "arn:aws:iam::%2$s:role/App",
                  "Operations": ["Decrypt"]}], "Truncated": false}""".formatted(arn(K1, "us-east-2"), ACCOUNT),
                """
                {"Policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"AWS\\":\\"arn:aws:iam::%1$s:root\\"},\\"Action\\":\\"kms:*\\",\\"Resource\\":\\"*\\"},{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"AWS\\":\\"arn:aws:iam::444455556666:root\\"},\\"Action\\":\\"kms:Decrypt\\",\\"Resource\\":\\"*\\"}]}", "PolicyName": "default"}""".formatted(ACCOUNT));

        assertThat(k.unreadable()).isEmpty();
        assertThat(k.attributes()).containsEntry("usage.lastUsedAt", "2026-02-27T22:14:05Z")
                .containsEntry("usage.lastOperation", "GenerateDataKey")
                .containsEntry("access.grantees", "arn:aws:iam::" + ACCOUNT + ":role/App")
                .containsEntry("access.externalPrincipals", "arn:aws:iam::444455556666:root")
                .containsEntry("policy.lockoutRisk", "false");
    }

    @Test
    void aRefusedGrantsListingLeavesTheKeyPartiallyObserved() throws IOException {
        ObservedKey k = keyWithUsageAndAccess("{\"KeyId\": \"" + K1 + "\"}",
                "An error occurred (AccessDeniedException) when calling the ListGrants operation: not authorized",
                "{\"Policy\": \"not a policy\"}");

        assertThat(k.unreadable()).hasValueSatisfying(r -> assertThat(r).startsWith("ListGrants: AccessDeniedException"));
        assertThat(k.attributes()).containsEntry("state", "ACTIVE").doesNotContainKey("usage.lastUsedAt")
                .doesNotContainKey("access.grantees");
    }

    private Path scopeDir(String region) throws IOException {
        Path dir = temp.resolve("aws").resolve(ACCOUNT).resolve(region);
        Files.createDirectories(dir);
        return dir;
    }

    private static KeyRef eventKey(String resource, int index) throws IOException {
        List<DecodedRecord> out = new ArrayList<>();
        try (InputStream in = AwsSnapshotReaderTest.class.getResourceAsStream(resource)) {
            Decoders.of(AwsDecoders.all()).read(resource, in, out::add);
        }
        return ((DecodedRecord.Event) out.get(index)).event().key();
    }
}
