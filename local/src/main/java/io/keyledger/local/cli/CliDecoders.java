package io.keyledger.local.cli;

import io.keyledger.aws.format.AwsDecoders;
import io.keyledger.azure.format.AzureDecoders;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.gcp.format.GcpDecoders;
import java.util.ArrayList;
import java.util.List;

/** Every input format `keyledger ingest` recognises, record by record. */
final class CliDecoders {

    private CliDecoders() {
    }

    static Decoders standard() {
        List<EventDecoder> providers = new ArrayList<>();
        providers.addAll(AwsDecoders.all());
        providers.addAll(AzureDecoders.all());
        providers.addAll(GcpDecoders.all());
        return Decoders.of(providers);
    }
}
