package io.keyledger.functions.auth;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages must never quote a credential, whole or in part. */
final class Leaks {

    private Leaks() {
    }

    /** Parts shorter than 8 characters could appear in any sentence by chance and are not checked. */
    static void assertNoPartOf(String credential, String message) {
        if (credential.length() >= 8) {
            assertThat(message).doesNotContain(credential);
        }
        for (String part : credential.split("\\.")) {
            if (part.length() >= 8) {
                assertThat(message).doesNotContain(part);
            }
        }
    }
}
