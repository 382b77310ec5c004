package io.keyledger.functions.api;

import static io.keyledger.functions.api.ApiHarness.ACME;
import static io.keyledger.functions.api.ApiHarness.ACME_AWS;
import static io.keyledger.functions.api.ApiHarness.T0;
import static io.keyledger.functions.api.ApiHarness.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.event.Action;
import io.keyledger.testkit.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression tests of issue 15: any base64url cursor was answered 200 where the docs promise 400, and
 * destroyed keys showed {@code nativeState: ""} instead of null.
 */
class CursorsAndNullsTest {

    private final ApiHarness h = new ApiHarness();

    private String firstCursor(String principal, String path) {
        Answer page = h.call(as(principal, "GET", path).query("limit", "1"));
        assertThat(page.status()).isEqualTo(200);
        String cursor = page.json().path("nextCursor").asString();
        assertThat(cursor).isNotBlank();
        return cursor;
    }

    @Test
    void aCursorOfThisListingAndTenantIsFollowed() {
        String cursor = firstCursor("acme-viewer", "/keys");

        assertThat(h.call(as("acme-viewer", "GET", "/keys").query("limit", "1").query("cursor", cursor)).status())
                .isEqualTo(200);
    }

    @Test
    void anEditedCursorIsRefused() {
        String cursor = firstCursor("acme-viewer", "/keys");
        String storePart = cursor.substring(0, cursor.lastIndexOf('.'));
        String edited = storePart.substring(0, storePart.length() - 1)
                + (storePart.endsWith("A") ? "B" : "A") + cursor.substring(cursor.lastIndexOf('.'));

        for (String bad : new String[] {edited, storePart, "bm90LWEtbnVtYmVy", cursor + "x"}) {
            Answer answer = h.call(as("acme-viewer", "GET", "/keys").query("cursor", bad)).isProblem(400);
            assertThat(answer.errorFields()).containsExactly("cursor");
        }
    }

    @Test
    void aCursorOfAnotherTenantOrListingIsRefused() {
        h.apply("beta", Fixtures.event("b-1", T0, Action.CREATE, ApiHarness.BETA_AWS),
                Fixtures.event("b-2", T0, Action.CREATE, Fixtures.awsKey("444455556666", "second")));
        String acmeKeys = firstCursor("acme-viewer", "/keys");
        String betaKeys = firstCursor("beta-admin", "/keys");

        h.call(as("beta-admin", "GET", "/keys").query("cursor", acmeKeys)).isProblem(400);
        h.call(as("acme-viewer", "GET", "/keys").query("cursor", betaKeys)).isProblem(400);
        h.call(as("acme-auditor", "GET", "/alerts").query("cursor", acmeKeys)).isProblem(400);
    }

    @Test
    void aDestroyedKeyHasNoNativeStateNotAnEmptyOne() {
        h.apply(ACME, Fixtures.event("d-1", T0.plusSeconds(10), Action.DESTROY, ACME_AWS, Map.of()));

        Answer key = h.call(as("acme-viewer", "GET", Req.keyPath(ACME_AWS, "")));

        assertThat(key.json().path("state").asString()).isEqualTo("DESTROYED");
        assertThat(key.json().get("nativeState").isNull()).isTrue();
        Answer history = h.call(as("acme-auditor", "GET", Req.keyPath(ACME_AWS, "/history")));
        assertThat(history.json().path("items").get(history.json().path("items").size() - 1).get("nativeState").isNull())
                .isTrue();
    }

    @Test
    void malformedPercentEncodingIsAProblemJson() {
        Answer answer = h.call(as("acme-viewer", "GET", "/keys/aws%3A%ZZ")).isProblem(400);

        assertThat(answer.detail()).contains("bad percent-encoding");
    }
}
