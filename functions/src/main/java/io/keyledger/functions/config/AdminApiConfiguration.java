package io.keyledger.functions.config;

import io.keyledger.core.alert.AlertDispatcher;
import io.keyledger.core.alert.AlertService;
import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.functions.api.AdminApi;
import io.keyledger.functions.api.SweepLauncher;
import io.keyledger.functions.auth.Authenticator;
import io.keyledger.functions.http.HttpRequest;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.report.Reports;
import java.time.Clock;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Registers the admin API as the function {@value #BEAN_NAME}, functionally: no classpath scanning and
 * no configuration classes, so that a cold start pays for nothing else. Look it up in the
 * {@code FunctionCatalog} by that name.
 *
 * <p>The platform (a cloud's initializer, or a test) registers what differs per platform: the
 * {@link InventoryStore}, {@link Authenticator}, {@link Reports}, {@link SweepLauncher} and the
 * {@link Clock}. An {@link AlertService} bean is used if there is one; otherwise one is built on the
 * store with the {@link AnomalyPolicies} and {@link AlertDispatcher} beans, or the defaults (default
 * policies, no sinks). Beans are looked up when the API is first created, so initializers may run in
 * any order.
 */
public final class AdminApiConfiguration implements ApplicationContextInitializer<GenericApplicationContext> {

    public static final String BEAN_NAME = "adminApi";

    /**
     * A {@link FunctionRegistration} with its type given, as Spring Cloud Function's functional style
     * wants: the catalog then needs no reflection over the bean to find its input and output.
     */
    @Override
    public void initialize(GenericApplicationContext context) {
        context.registerBean(BEAN_NAME, FunctionRegistration.class,
                () -> new FunctionRegistration<>(adminApi(context), BEAN_NAME)
                        .type(FunctionTypeUtils.functionType(HttpRequest.class, HttpResponse.class)));
    }

    private static AdminApi adminApi(GenericApplicationContext context) {
        InventoryStore store = context.getBean(InventoryStore.class);
        Clock clock = context.getBean(Clock.class);
        AlertService alerts = context.getBeanProvider(AlertService.class).getIfAvailable(() -> new AlertService(store,
                clock, context.getBeanProvider(AnomalyPolicies.class).getIfAvailable(() -> AnomalyPolicies.DEFAULT),
                context.getBeanProvider(AlertDispatcher.class).getIfAvailable(() -> AlertDispatcher.NONE)));
        return new AdminApi(store, alerts, context.getBean(Authenticator.class), context.getBean(Reports.class),
                context.getBean(SweepLauncher.class), clock);
    }
}
