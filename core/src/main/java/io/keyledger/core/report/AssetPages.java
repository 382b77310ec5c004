package io.keyledger.core.report;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.KeysWithUsage;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads a tenant's key records one page at a time, in key id order, each with its usage
 * ({@link KeysWithUsage}), and hands each page over before asking for the next: what a report holds is one
 * page, whatever the inventory's size.
 */
public final class AssetPages {

    /** Keys per page read from the store: the most a store hands out at once. */
    public static final int PAGE_SIZE = PageRequest.MAX_LIMIT;

    private AssetPages() {
    }

    /** What is done with one page; may write, and so may fail with an IOException. */
    @FunctionalInterface
    public interface PageAction {
        void accept(List<CryptoAsset> page) throws IOException;
    }

    /** Calls {@code action} with every page of the tenant's records that match {@code query}. */
    public static void forEachPage(InventoryStore store, String tenant, AssetQuery query, PageAction action)
            throws IOException {
        KeysWithUsage keys = new KeysWithUsage(store);
        PageRequest request = PageRequest.first(PAGE_SIZE);
        while (true) {
            Page<CryptoAsset> page = keys.keys(tenant, query, request);
            if (!page.items().isEmpty()) {
                action.accept(page.items());
            }
            Optional<String> next = page.nextCursor();
            if (next.isEmpty()) {
                return;
            }
            request = request.next(next.get());
        }
    }
}
