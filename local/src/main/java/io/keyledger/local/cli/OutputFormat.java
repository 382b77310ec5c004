package io.keyledger.local.cli;

/** How listing commands print: aligned columns for people, JSON or CSV for programs. */
enum OutputFormat { TABLE, JSON, CSV }
