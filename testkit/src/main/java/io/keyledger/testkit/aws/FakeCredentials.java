package io.keyledger.testkit.aws;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Which account an access key belongs to, shared by the fakes: the static keys a test gives the sweep,
 * and the session keys {@link FakeSts} issues for an assumed role. Every fake answers as the account
 * of the caller's key, as AWS does.
 */
public final class FakeCredentials {

    private final Map<String, String> accounts = new ConcurrentHashMap<>();

    /** Static credentials of {@code account} ({@code AKIA...}), registered here. */
    public StaticCredentialsProvider staticFor(String account) {
        String key = "AKIA" + account + "TEST";
        accounts.put(key, account);
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, "fake-secret-" + account));
    }

    /** Static credentials with this access key id, registered as {@code account}'s (an emulator's fixed key). */
    public StaticCredentialsProvider staticAs(String accessKeyId, String secret, String account) {
        accounts.put(accessKeyId, account);
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret));
    }

    void register(String accessKeyId, String account) {
        accounts.put(accessKeyId, account);
    }

    public Optional<String> accountOf(String accessKeyId) {
        return Optional.ofNullable(accounts.get(accessKeyId));
    }
}
