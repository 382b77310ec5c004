package io.keyledger.core.access;

/**
 * The answer to an access check. Another tenant's resources are NOT_FOUND, never DENIED, so that
 * callers cannot learn which ids exist elsewhere.
 */
public enum AccessDecision { ALLOWED, DENIED, NOT_FOUND }
