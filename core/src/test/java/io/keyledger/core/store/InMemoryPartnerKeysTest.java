package io.keyledger.core.store;

class InMemoryPartnerKeysTest extends PartnerKeyStoreContract {

    @Override
    protected PartnerKeyStore store() {
        return new InMemoryPartnerKeys();
    }
}
