package io.keyledger.core.key;

/** Who manages the key: the customer, or the cloud provider on the customer's behalf (AWS-managed keys). */
public enum KeyManager { CUSTOMER, PROVIDER, UNKNOWN }
