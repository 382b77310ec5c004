package io.keyledger.local.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client may take of the local server, so that idle or slow clients cannot starve the others.
 *
 * @param headerTimeout         from a request's first byte to the end of its headers (a client that
 *                              trickles its headers is cut off then, however often it sends a byte)
 * @param bodyTimeout           from the end of the headers to the end of the body
 * @param idleTimeout           how long a kept-alive connection may wait for its next request
 * @param requestsPerConnection requests served on one connection before it is closed (the client reconnects)
 * @param maxConnections        connections open at once; one more is answered 503 and closed
 * @param maxHeaderBytes        the request line and headers together
 * @param maxBodyBytes          one request body
 */
public record ServerLimits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout,
                           int requestsPerConnection, int maxConnections, int maxHeaderBytes, int maxBodyBytes) {

    /** A local server's: generous for a person with curl, tight for a client that holds connections open. */
    public static final ServerLimits DEFAULTS = new ServerLimits(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(30), 1000, 128, 16 * 1024, 1024 * 1024);

    public ServerLimits {
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        Objects.requireNonNull(bodyTimeout, "bodyTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (requestsPerConnection < 1 || maxConnections < 1 || maxHeaderBytes < 256 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("server limits must be positive");
        }
    }

    public ServerLimits withTimeouts(Duration header, Duration body, Duration idle) {
        return new ServerLimits(header, body, idle, requestsPerConnection, maxConnections, maxHeaderBytes, maxBodyBytes);
    }

    public ServerLimits withRequestsPerConnection(int n) {
        return new ServerLimits(headerTimeout, bodyTimeout, idleTimeout, n, maxConnections, maxHeaderBytes, maxBodyBytes);
    }

    public ServerLimits withMaxConnections(int n) {
        return new ServerLimits(headerTimeout, bodyTimeout, idleTimeout, requestsPerConnection, n, maxHeaderBytes,
                maxBodyBytes);
    }
}
