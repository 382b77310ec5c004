package io.keyledger.gcp.cloudkms;

import com.google.cloud.kms.v1.CryptoKey;
import com.google.cloud.kms.v1.CryptoKeyVersion;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionState;
import com.google.cloud.kms.v1.CryptoKeyVersionTemplate;
import com.google.cloud.kms.v1.ProtectionLevel;
import com.google.protobuf.Timestamp;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.key.Provider;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.gcp.FakeCloudKms;
import io.keyledger.testkit.gcp.FakeResourceManager;
import io.keyledger.testkit.gcp.InProcessGoogleApis;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** The in-process fakes of Cloud KMS, KMS Inventory and Resource Manager, the real clients on them, and a clock. */
final class GoogleCloudFakes implements AutoCloseable {

    static final String PROJECT = "acme-prod";
    static final String LOCATION = "europe-west1";
    static final Instant CREATED = Instant.parse("2025-06-01T10:00:00Z");

    final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    final FakeSleeper sleeper = new FakeSleeper(clock);
    final InProcessGoogleApis apis = new InProcessGoogleApis();
    final FakeCloudKms kms = new FakeCloudKms(clock).serveOn(apis);
    final FakeResourceManager resourceManager = new FakeResourceManager().serveOn(apis);
    final GcpClients clients = GcpClients.over(apis.channel());

    static SweepScope scope() {
        return new SweepScope(Provider.GCP, PROJECT, LOCATION);
    }

    CloudKmsKeySource source(CloudKmsSweepOptions options) {
        return new CloudKmsKeySource(clients, scope(), options, new ProjectReadQuota(PROJECT, options.pacing(), clock),
                sleeper);
    }

    GcpSweepScopes scopes(GcpSweepConfig config) {
        return new GcpSweepScopes(config, clients, clock, sleeper, new Random(7));
    }

    /** A symmetric software key with one enabled version, labelled. */
    String symmetricKey(String ring, String id) {
        return kms.cryptoKey(ring, id, key(CryptoKey.CryptoKeyPurpose.ENCRYPT_DECRYPT,
                        CryptoKeyVersionAlgorithm.GOOGLE_SYMMETRIC_ENCRYPTION, ProtectionLevel.SOFTWARE)
                        .toBuilder().putLabels("owner", "payments").build(),
                List.of(version("1", CryptoKeyVersionState.ENABLED, CryptoKeyVersionAlgorithm.GOOGLE_SYMMETRIC_ENCRYPTION,
                        ProtectionLevel.SOFTWARE, CREATED)), Optional.of("1"));
    }

    static CryptoKey key(CryptoKey.CryptoKeyPurpose purpose, CryptoKeyVersionAlgorithm algorithm, ProtectionLevel level) {
        return CryptoKey.newBuilder().setPurpose(purpose).setCreateTime(ts(CREATED))
                .setVersionTemplate(CryptoKeyVersionTemplate.newBuilder().setAlgorithm(algorithm).setProtectionLevel(level))
                .build();
    }

    static CryptoKeyVersion version(String id, CryptoKeyVersionState state, CryptoKeyVersionAlgorithm algorithm,
                                    ProtectionLevel level, Instant created) {
        return CryptoKeyVersion.newBuilder().setName(id).setState(state).setAlgorithm(algorithm).setProtectionLevel(level)
                .setCreateTime(ts(created)).build();
    }

    static Timestamp ts(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }


    @Override
    public void close() {
        clients.close();
        apis.close();
    }
}
