package io.keyledger.local.cli;

import io.keyledger.core.decode.Decoders;
import java.util.List;

/** Every input format `keyledger ingest` recognises, record by record. */
final class CliDecoders {

    private CliDecoders() {
    }

    static Decoders standard() {
        return Decoders.of(List.of());
    }
}
