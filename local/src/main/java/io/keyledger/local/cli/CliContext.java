package io.keyledger.local.cli;

import io.keyledger.core.assembly.CoreServices;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the commands take from the process around them, gathered once in {@code main} so that tests
 * can give their own: the one clock, the environment, and who the local user is.
 *
 * @param userName the operating system user, who acts in the ledger as {@code local:<userName>}
 * @param userHome the directory under which {@code .keyledger} is the default home
 */
public record CliContext(Clock clock, Map<String, String> env, String userName, Path userHome) {

    public CliContext {
        Objects.requireNonNull(clock, "clock");
        env = Map.copyOf(env);
        userName = userName == null || userName.isBlank() ? "unknown" : userName;
        Objects.requireNonNull(userHome, "userHome");
    }

    /** The process's own context, the CLI's one reading of the system; the clock is the assembly's system clock. */
    public static CliContext ofSystem() {
        return new CliContext(CoreServices.systemClock(), System.getenv(), System.getProperty("user.name"),
                Path.of(System.getProperty("user.home")));
    }

    Optional<String> envVar(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }
}
