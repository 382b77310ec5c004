package io.keyledger.core.sweep;

/**
 * The classes of provider request a sweep makes. Providers set their quotas per API, and a listing page
 * and a direct read of one key fall under different ones (AWS ListKeys at 500/s against DescribeKey at
 * 2000/s), so each class is paced on its own.
 */
public enum OperationClass {
    /** One page of a scope's keys: {@link KeySource#list}. */
    LIST,
    /** One direct read of a key: {@link KeySource#describe}. */
    DESCRIBE
}
