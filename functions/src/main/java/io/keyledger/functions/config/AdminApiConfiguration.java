package io.keyledger.functions.config;

import io.keyledger.core.access.RoleGrants;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.functions.api.AdminApi;
import io.keyledger.functions.api.SweepLauncher;
import io.keyledger.functions.auth.Authenticator;
import io.keyledger.functions.http.HttpRequest;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.report.ReportService;
import io.keyledger.functions.report.Reports;
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
 * {@link CoreServices} of its store, clock and settings (tenants, anomaly policies, alert sinks), the
 * {@link Authenticator} and the {@link SweepLauncher}, and the {@link RoleGrants} of its principal mapping
 * if it has one. A {@link Reports} bean is used if there is one; otherwise the reports are
 * {@link ReportService#of} the core services. Beans are looked up when the API
 * is first created, so initializers may run in any order.
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
        CoreServices services = context.getBean(CoreServices.class);
        RoleGrants grants = context.getBeanProvider(RoleGrants.class).getIfAvailable(() -> RoleGrants.NONE);
        Reports reports = context.getBeanProvider(Reports.class).getIfAvailable(() -> ReportService.of(services, grants));
        return new AdminApi(services, context.getBean(Authenticator.class), reports,
                context.getBean(SweepLauncher.class), grants);
    }
}
