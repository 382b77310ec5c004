package io.keyledger.core.event;

/** Kind of principal that made a change. */
public enum ActorType { USER, ROLE, SERVICE, ROOT, SYSTEM, UNKNOWN }
