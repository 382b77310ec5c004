package io.keyledger.bench.scale;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap in use since the last reading. Used heap peaks just before a collection, so the
 * collectors' notifications give the exact peak (the heap pools' use before each collection), and a
 * sampler every few milliseconds covers a pass too short to need a collection. Collections the harness
 * asks for itself, to read the heap after a pass, are left out: their "before" is the previous pass's.
 */
final class HeapWatch implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 5;
    private static final String EXPLICIT_GC_CAUSE = "System.gc()";

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong peakBytes = new AtomicLong();
    private final NotificationListener onCollection = this::collected;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "keyledger-heap-watch");
        t.setDaemon(true);
        return t;
    });

    HeapWatch() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(onCollection, null, null);
            }
        }
        sampler.scheduleAtFixedRate(() -> record(memory.getHeapMemoryUsage().getUsed()), 0, SAMPLE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** The peak since the last reading (or since the watch started), in bytes; the next reading starts from now. */
    long takePeakBytes() {
        long used = memory.getHeapMemoryUsage().getUsed();
        return Math.max(used, peakBytes.getAndSet(used));
    }

    /** Heap in use after a full collection: what the inventory and the simulated provider retain. */
    long usedAfterGcBytes() {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if (EXPLICIT_GC_CAUSE.equals(info.getGcCause())) {
            return;
        }
        long before = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                before += pool.getValue().getUsed();
            }
        }
        record(before);
    }

    private void record(long usedBytes) {
        peakBytes.accumulateAndGet(usedBytes, Math::max);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(onCollection);
                } catch (ListenerNotFoundException alreadyGone) {
                    // nothing to remove
                }
            }
        }
    }
}
