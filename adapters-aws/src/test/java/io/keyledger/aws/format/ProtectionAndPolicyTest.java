package io.keyledger.aws.format;

import static io.keyledger.aws.format.AwsTestRecords.decode;
import static io.keyledger.aws.format.AwsTestRecords.events;
import static io.keyledger.aws.format.AwsTestRecords.json;
import static io.keyledger.aws.format.AwsTestRecords.only;
import static io.keyledger.aws.format.AwsTestRecords.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.event.KeyEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a key protects (the resources its uses' encryption context names), who its key policy lets in and
 * whether it locks the account out, key stores as items of their own, and post-quantum key specs: from the
 * CloudTrail records KMS writes (AWS KMS Developer Guide, "Logging AWS KMS API calls with AWS CloudTrail").
 */
class ProtectionAndPolicyTest {

    private static final String ACCOUNT = "111122223333";

    private static ObjectNode record(String resource) {
        return (ObjectNode) json(resource);
    }

    private static ObjectNode context(ObjectNode record) {
        return ((ObjectNode) record.get("requestParameters")).putObject("encryptionContext");
    }

    private static KeyEvent decodeOnly(ObjectNode record) {
        List<KeyEvent> events = events(decode(record));
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    void anS3DecryptProtectsTheBucketNotEachObject() {
        KeyEvent e = only("cloudtrail/Decrypt.json");

        assertThat(e.attributes()).containsEntry("usage.resource", "arn:aws:s3:::amzn-s3-demo-bucket");
    }

    @Test
    void ebsRdsDynamoDbAndArnValuedContextsNameTheirResources() {
        ObjectNode ebs = record("cloudtrail/Decrypt.json");
        context(ebs).put("aws:ebs:id", "vol-0a1b2c3d4e5f67890");
        assertThat(decodeOnly(ebs).attributes())
                .containsEntry("usage.resource", "arn:aws:ec2:us-east-1:" + ACCOUNT + ":volume/vol-0a1b2c3d4e5f67890");

        ObjectNode rds = record("cloudtrail/GenerateDataKey.json");
        context(rds).put("aws:rds:db-id", "db-CQYSMDPBRZ7BPMH7Y3RTDG5QY");
        assertThat(decodeOnly(rds).attributes()).containsEntry("usage.resource", "aws:rds:db-id=db-CQYSMDPBRZ7BPMH7Y3RTDG5QY");

        ObjectNode dynamo = record("cloudtrail/Decrypt.json");
        context(dynamo).put("aws:dynamodb:tableName", "Orders").put("aws:dynamodb:subscriberId", ACCOUNT);
        assertThat(decodeOnly(dynamo).attributes())
                .containsEntry("usage.resource", "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/Orders");

        ObjectNode secret = record("cloudtrail/Decrypt.json");
        context(secret).put("SecretARN", "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:prod/db-AbCdEf")
                .put("SecretVersionId", "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE");
        assertThat(decodeOnly(secret).attributes()).containsEntry("usage.resource",
                "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:prod/db-AbCdEf");
    }

    @Test
    void theCustomersOwnContextValuesAreNeverRead() {
        ObjectNode own = record("cloudtrail/Decrypt.json");
        context(own).put("customer-id", "arn:aws:iam::444455556666:user/someone").put("purpose", "payroll");
        assertThat(decodeOnly(own).attributes()).doesNotContainKey("usage.resource");
    }

    @Test
    void aContextThatIsNotTextOrCarriesACommaNamesNothingAndTheUseIsKept() {
        ObjectNode odd = record("cloudtrail/Decrypt.json");
        ObjectNode c = context(odd);
        c.putObject("aws:s3:arn").put("nested", true);
        c.put("aws:lambda:FunctionArn", "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:a,b");
        List<DecodedRecord> results = decode(odd);

        assertThat(results).noneMatch(r -> r instanceof DecodedRecord.Malformed);
        assertThat(events(results).get(0).attributes()).doesNotContainKey("usage.resource");
    }

    @Test
    void aGrantNamesItsGranteeAndTheResourceItsConstraintsName() {
        ObjectNode grant = record("cloudtrail/CreateGrant.json");
        ObjectNode constraints = ((ObjectNode) grant.get("requestParameters")).putObject("constraints");
        constraints.putObject("encryptionContextSubset").put("aws:ebs:id", "vol-0123456789abcdef0");
        KeyEvent e = decodeOnly(grant);

        assertThat(e.attributes()).containsKey("access.grantees.add")
                .containsEntry("usage.resource", "arn:aws:ec2:us-east-1:" + ACCOUNT + ":volume/vol-0123456789abcdef0");
    }

    @Test
    void theDefaultKeyPolicyKeepsTheAccountInAndLetsNoOneElseIn() {
        KeyEvent e = only("cloudtrail/PutKeyPolicy.json");

        assertThat(e.attributes()).containsEntry("policy.lockoutRisk", "false")
                .containsEntry("access.externalPrincipals", "").containsEntry("access.model", "key-policy");
    }

    @Test
    void aPolicyWithoutTheAccountsAdministratorsIsALockOutRiskAndNamesOtherAccounts() {
        ObjectNode put = record("cloudtrail/PutKeyPolicy.json");
        ((ObjectNode) put.get("requestParameters")).put("bypassPolicyLockoutSafetyCheck", true).put("policy", """
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"UseOnly","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/App"},
                   "Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*"},
                  {"Sid":"Partner","Effect":"Allow","Principal":{"AWS":["444455556666","arn:aws:iam::777788889999:root"]},
                   "Action":"kms:Decrypt","Resource":"*"},
                  {"Sid":"Logs","Effect":"Allow","Principal":{"Service":"logs.us-east-1.amazonaws.com"},
                   "Action":"kms:Encrypt*","Resource":"*"}]}""");
        KeyEvent e = decodeOnly(put);

        assertThat(e.attributes()).containsEntry("policy.lockoutRisk", "true")
                .containsEntry("access.externalPrincipals", "444455556666,arn:aws:iam::777788889999:root");
    }

    @Test
    void anUnconditionalDenyOfPutKeyPolicyToEveryoneLocksOut() {
        assertThat(KeyPolicyAnalysis.of("""
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*"},
                 {"Effect":"Deny","Principal":"*","Action":"kms:Put*","Resource":"*"}]}""", ACCOUNT))
                .hasValueSatisfying(a -> assertThat(a.lockoutRisk()).isTrue());
        assertThat(KeyPolicyAnalysis.of("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"NotAction":"kms:ScheduleKeyDeletion"}}""",
                ACCOUNT)).hasValueSatisfying(a -> assertThat(a.lockoutRisk()).isFalse());
    }

    @Test
    void aPolicyThatIsNotJsonSaysNothingButTheChangeIsKept() {
        ObjectNode put = record("cloudtrail/PutKeyPolicy.json");
        ((ObjectNode) put.get("requestParameters")).put("policy", "{\"Statement\": [ not json");
        KeyEvent e = decodeOnly(put);

        assertThat(e.attributes()).doesNotContainKeys("policy.lockoutRisk", "access.externalPrincipals");
        assertThat(KeyPolicyAnalysis.of("{}", ACCOUNT)).isEmpty();
        assertThat(KeyPolicyAnalysis.of("x".repeat(40_000), ACCOUNT)).isEmpty();
    }

    @Test
    void creatingACustomKeyStoreGivesItsRecordNameTypeAndCluster() {
        List<DecodedRecord> results = read("cloudtrail/CreateCustomKeyStore.json");

        assertThat(results).singleElement().isInstanceOfSatisfying(DecodedRecord.KeyStoreChange.class, c -> {
            assertThat(c.keyStoreId()).isEqualTo("cks-1234567890abcdef0");
            assertThat(c.change()).isEqualTo(DecodedRecord.KeyStoreChange.Change.CREATED);
            assertThat(c.details()).containsAllEntriesOf(Map.of("name", "ExampleKeyStore", "kind", "AWS_CLOUDHSM",
                    "backing", "cluster-1a23b4cdefg"));
            assertThat(c.reachesKeys()).isFalse();
        });
        assertThat(read("cloudtrail/DeleteCustomKeyStore.json")).singleElement()
                .isInstanceOfSatisfying(DecodedRecord.KeyStoreChange.class,
                        c -> assertThat(c.change()).isEqualTo(DecodedRecord.KeyStoreChange.Change.DELETED));
    }

    @Test
    void postQuantumKeySpecsAreRecognised() {
        ObjectNode create = record("cloudtrail/CreateKey-signing.json");
        ((ObjectNode) create.get("requestParameters")).put("keySpec", "ML_KEM_768").put("keyUsage", "ENCAPSULATE_DECAPSULATE");
        ((ObjectNode) create.get("responseElements").get("keyMetadata")).put("keySpec", "ML_KEM_768")
                .put("keyUsage", "ENCAPSULATE_DECAPSULATE");
        KeyEvent e = decodeOnly(create);

        assertThat(e.attributes()).containsEntry("algorithm", "ML-KEM-768").containsEntry("kind", "ASYMMETRIC")
                .containsEntry("keyUsage", "KEY_ENCAPSULATION");
        assertThat(KmsKeySpec.of("ML_DSA_65")).hasValueSatisfying(s -> assertThat(s.algorithm()).isEqualTo("ML-DSA-65"));
        assertThat(KmsKeySpec.of("ML_KEM_1024")).map(KmsKeySpec::algorithm).isEqualTo(Optional.of("ML-KEM-1024"));
    }
}
