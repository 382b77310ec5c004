package io.keyledger.core.key;

/** Party responsible for a key under the shared-responsibility model. */
public enum ResponsibilityParty { CUSTOMER, PROVIDER, SHARED, UNKNOWN }
