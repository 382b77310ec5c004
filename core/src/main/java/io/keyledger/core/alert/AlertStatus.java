package io.keyledger.core.alert;

/** Where an alert is in its (short) life: raised, then acknowledged by a person. */
public enum AlertStatus { OPEN, ACKNOWLEDGED }
