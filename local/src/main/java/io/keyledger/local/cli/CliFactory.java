package io.keyledger.local.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Builds commands and mixins through picocli, handing the {@link CliContext} to those whose
 * constructor takes it, so that no command reaches for the clock or the environment itself.
 */
final class CliFactory implements CommandLine.IFactory {

    private final CliContext context;

    CliFactory(CliContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
                return type.cast(c.newInstance(context));
            }
        }
        return CommandLine.defaultFactory().create(type);
    }
}
