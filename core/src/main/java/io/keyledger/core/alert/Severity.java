package io.keyledger.core.alert;

/** How urgently an alert wants a human: CRITICAL means possible loss of data or control. */
public enum Severity { LOW, MEDIUM, HIGH, CRITICAL }
