package io.keyledger.testkit.azure;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The {@link ExecutionContext} the Functions worker passes to a function: an invocation id, the function's
 * name, and a logger whose lines the test can read back.
 */
public final class FunctionsContext implements ExecutionContext {

    private final String invocationId;
    private final String functionName;
    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>();

    public FunctionsContext(String invocationId, String functionName) {
        this.invocationId = Objects.requireNonNull(invocationId, "invocationId");
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (records) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    /** Every line logged at {@code level} or above, in order. */
    public List<String> lines(Level level) {
        synchronized (records) {
            return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                    .map(LogRecord::getMessage).toList();
        }
    }
}
