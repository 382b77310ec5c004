package io.keyledger.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.access.Principal;
import io.keyledger.core.access.Role;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.event.Action;
import io.keyledger.functions.auth.Authenticator;
import io.keyledger.functions.config.AdminApiConfiguration;
import io.keyledger.functions.http.HttpRequest;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.report.Reports;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/** The admin API as a Spring Cloud Function bean, registered functionally and found by name in the catalog. */
class FunctionCatalogTest {

    /** What a platform registers: here, an in-memory inventory with one key and fakes. */
    public static final class TestPlatform implements ApplicationContextInitializer<GenericApplicationContext> {
        @Override
        public void initialize(GenericApplicationContext context) {
            MutableClock clock = new MutableClock(ApiHarness.T0);
            InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
            CoreServices services = Fixtures.services(store, clock, "acme");
            services.inventory()
                    .apply(List.of(Fixtures.event("e1", ApiHarness.T0, Action.CREATE, ApiHarness.ACME_AWS)));
            context.registerBean(CoreServices.class, () -> services);
            context.registerBean(Authenticator.class, () -> request -> Principal.of("alice", "acme", Role.VIEWER));
            context.registerBean(Reports.class, FakeReports::new);
            context.registerBean(SweepLauncher.class, FakeSweepLauncher::new);
        }
    }

    @Test
    void theCatalogFindsTheAdminApiByNameAndItAnswers() {
        try (ConfigurableApplicationContext context = FunctionalSpringApplication.run(
                new Class<?>[] {TestPlatform.class, AdminApiConfiguration.class},
                new String[] {"--spring.main.banner-mode=off", "--spring.main.log-startup-info=false"})) {
            FunctionCatalog catalog = context.getBean(FunctionCatalog.class);

            Function<HttpRequest, HttpResponse> api = catalog.lookup(Function.class, AdminApiConfiguration.BEAN_NAME);

            assertThat(api).isNotNull();
            HttpResponse response = api.apply(new Req("GET", "/keys").build());
            Answer answer = Answer.of(response);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("items").get(0).path("id").asString()).isEqualTo(ApiHarness.ACME_AWS.id());
            assertThat(context.getBean(AdminApiConfiguration.BEAN_NAME, FunctionRegistration.class).getTarget())
                    .isInstanceOf(AdminApi.class);
        }
    }
}
