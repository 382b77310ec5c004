package io.keyledger.azure.format;

import io.keyledger.core.key.AiUsageCategory;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A service found to be calling Key Vault, and whether it is an AI service and for what.
 *
 * @param name       the service's name as KeyLedger shows it ("Azure Storage")
 * @param ai         whether it is an AI/ML service
 * @param categories what an AI service uses a key for
 */
public record CallingService(String name, boolean ai, Set<AiUsageCategory> categories) {

    public CallingService {
        categories = Collections.unmodifiableSortedSet(new TreeSet<>(categories));
    }
}
