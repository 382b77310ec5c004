package io.keyledger.tests.fuzz;

import java.lang.management.ManagementFactory;

/**
 * The memory one fuzz input may cost: the bytes the handling thread allocates for it, a fixed allowance plus
 * a multiple of the input's size. Allocation is counted, not timed, so the bound holds on a busy machine and
 * fails the same way every time; an input that makes KeyLedger build far more than it was given (a decompression
 * or nesting blow-up, a quadratic copy) is a finding. Time per input is bounded in fuzzing runs by libFuzzer's
 * {@code -timeout} (bench/README.md, "Fuzzing").
 *
 * <p>The handling runs twice and the second run is counted: the first loads the classes its path needs, and
 * Jazzer instruments each class as it loads, on the loading thread, which would count as the input's. The JVM
 * also spins classes of its own now and then (method handle forms, after enough calls), which Jazzer instruments
 * too: a run over budget is therefore run once more, and only an input over budget twice in a row is a finding.
 */
final class InputBudget {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long fixedBytes;
    private final long bytesPerInputByte;

    /**
     * @param fixedBytes        what any input may cost (parsers' buffers, a store, a response)
     * @param bytesPerInputByte what each byte of input may add
     */
    InputBudget(long fixedBytes, long bytesPerInputByte) {
        this.fixedBytes = fixedBytes;
        this.bytesPerInputByte = bytesPerInputByte;
    }

    /**
     * Runs the handling of one input of {@code inputBytes} twice, and fails if the second run allocated more than
     * the budget. The handling must do the same each time: the fuzzer's bytes are read before it.
     */
    void spend(long inputBytes, Runnable handling) {
        handling.run();
        long budget = fixedBytes + bytesPerInputByte * inputBytes;
        long used = allocation(handling);
        if (used > budget && (used = allocation(handling)) > budget) {
            throw new AssertionError("one input of " + inputBytes + " bytes allocated " + used + " bytes, more than its "
                    + "budget of " + budget);
        }
    }

    private static long allocation(Runnable handling) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        handling.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
