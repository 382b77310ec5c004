package io.keyledger.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Only the function the definition names is registered (and so built at init). */
class FunctionSelectionTest {

    private static StandardEnvironment env(Map<String, Object> properties) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return env;
    }

    private static Object[] names(StandardEnvironment env) {
        return KeyLedgerLambdaConfiguration.selected(env).stream().map(f -> f.name()).toArray();
    }

    @Test
    void theDefinitionNamesTheOneFunctionToRegister() {
        assertThat(names(env(Map.of("spring.cloud.function.definition", "ingestQueue")))).containsExactly("ingestQueue");
    }

    @Test
    void lambdaSetsItAsTheEnvironmentVariable() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource("lambda",
                Map.of("SPRING_CLOUD_FUNCTION_DEFINITION", "ingestS3Logs")));

        assertThat(names(env)).containsExactly("ingestS3Logs");
    }

    @Test
    void withoutADefinitionEveryFunctionIsRegistered() {
        assertThat(names(env(Map.of()))).containsExactly("ingestEvents", "ingestQueue", "ingestS3Logs", "sweepFanOut",
                "sweepWorker", "adminApi", "signCheckpoints", "maintainLedger");
    }

    @Test
    void thePublishedNamesAreExactlyTheFunctionsThatCanBeRegistered() {
        assertThat(KeyLedgerLambdaConfiguration.functions().keySet())
                .containsExactlyElementsOf(KeyLedgerLambdaConfiguration.FUNCTION_NAMES);
    }

    @Test
    void anUnknownNameIsAnErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> names(env(Map.of("spring.cloud.function.definition", "ingestEvent"))))
                .isInstanceOf(SettingsException.class)
                .hasMessage("SPRING_CLOUD_FUNCTION_DEFINITION names 'ingestEvent', which is not a KeyLedger function "
                        + "(ingestEvents, ingestQueue, ingestS3Logs, sweepFanOut, sweepWorker, adminApi, signCheckpoints, "
                        + "maintainLedger)");
    }
}
