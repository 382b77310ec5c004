package io.keyledger.aws.sweep;

import java.net.URI;
import java.util.Optional;

/**
 * The endpoint and signing Region of a global AWS service (Organizations, the Account service) in a
 * partition: both are served from one Region of each partition.
 */
record GlobalEndpoint(URI uri, String signingRegion) {

    static GlobalEndpoint of(String service, String partition, Optional<URI> override) {
        String region = switch (partition) {
            case "aws" -> "us-east-1";
            case "aws-cn" -> "cn-northwest-1";
            case "aws-us-gov" -> "us-gov-west-1";
            default -> "";
        };
        if (override.isPresent()) {
            return new GlobalEndpoint(override.get(), region.isEmpty() ? "us-east-1" : region);
        }
        if (region.isEmpty()) {
            throw new IllegalStateException("no known " + service + " endpoint in partition " + partition
                    + ": configure one (AwsEndpoints)");
        }
        String suffix = partition.equals("aws-cn") ? ".amazonaws.com.cn" : ".amazonaws.com";
        return new GlobalEndpoint(URI.create("https://" + service + "." + region + suffix + "/"), region);
    }
}
