package io.keyledger.testkit.store;

import io.keyledger.core.store.PartnerKeyStore;

class InMemoryPartnerKeysTest extends PartnerKeyStoreContract {

    @Override
    protected PartnerKeyStore store() {
        return new InMemoryPartnerKeys();
    }
}
