package io.keyledger.testkit.aws;

import io.keyledger.testkit.emulator.NodeEmulator;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/** s3rver on a loopback port with its objects in a temporary directory, and real S3 clients for it. */
public final class S3rver implements AutoCloseable {

    /** The credentials s3rver accepts. */
    public static final String ACCESS_KEY = "S3RVER";
    public static final String SECRET_KEY = "S3RVER";

    private final NodeEmulator emulator;
    private final S3Client client;

    public S3rver(Path directory) {
        this.emulator = NodeEmulator.s3rver(directory);
        this.client = client(ACCESS_KEY, SECRET_KEY);
    }

    /** A client with s3rver's credentials. */
    public S3Client client() {
        return client;
    }

    /**
     * A client of s3rver: path-style addressing (no bucket subdomains on 127.0.0.1), plain uploads and
     * checksums only where S3 requires them: s3rver would store the aws-chunked framing (chunk signatures,
     * trailing checksums) that the SDK uses to upload over plain HTTP as part of the object.
     */
    public S3Client client(String accessKey, String secretKey) {
        return clientBuilder(accessKey, secretKey).build();
    }

    /** The builder of {@link #client(String, String)}, to add what a test needs (an interceptor). */
    public S3ClientBuilder clientBuilder(String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(URI.create(emulator.endpoint()))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).chunkedEncodingEnabled(false)
                        .build())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }

    public void put(String bucket, String key, byte[] content) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    @Override
    public void close() {
        client.close();
        emulator.close();
    }
}
