package io.keyledger.gcp.credentials;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Application Default Credentials, looked up on first use rather than when a client is built (the Pub/Sub
 * publisher's, the Firestore client's). On Cloud Run the lookup asks the metadata server whether it is there,
 * a network call that a function's initialisation must not make; here it happens with the first request that
 * needs a token.
 */
public final class DeferredCredentials extends Credentials {

    private static final long serialVersionUID = 1L;

    /** How the real credentials are found: once, then kept. */
    @FunctionalInterface
    public interface Lookup {
        Credentials find() throws IOException;
    }

    private final transient Lookup lookup;
    private transient volatile Credentials resolved;

    public DeferredCredentials(Lookup lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** The Application Default Credentials, scoped to {@code scopes} where they need scopes. */
    public static DeferredCredentials applicationDefault(List<String> scopes) {
        List<String> copy = List.copyOf(scopes);
        return new DeferredCredentials(() -> {
            GoogleCredentials found = GoogleCredentials.getApplicationDefault();
            return found.createScopedRequired() ? found.createScoped(copy) : found;
        });
    }

    /** Whether the credentials were looked up yet. */
    public boolean resolved() {
        return resolved != null;
    }

    private Credentials credentials() throws IOException {
        Credentials c = resolved;
        if (c == null) {
            synchronized (this) {
                c = resolved;
                if (c == null) {
                    c = Objects.requireNonNull(lookup.find(), "credentials");
                    resolved = c;
                }
            }
        }
        return c;
    }

    @Override
    public String getAuthenticationType() {
        return "OAuth2";
    }

    @Override
    public Map<String, List<String>> getRequestMetadata(URI uri) throws IOException {
        return credentials().getRequestMetadata(uri);
    }

    @Override
    public boolean hasRequestMetadata() {
        return true;
    }

    @Override
    public boolean hasRequestMetadataOnly() {
        return true;
    }

    @Override
    public void refresh() throws IOException {
        credentials().refresh();
    }

    @Override
    public String getUniverseDomain() throws IOException {
        return credentials().getUniverseDomain();
    }

    /** For logs: whether resolved, never a token. */
    @Override
    public String toString() {
        return "DeferredCredentials[" + (resolved() ? "resolved" : "not yet looked up") + "]";
    }
}
