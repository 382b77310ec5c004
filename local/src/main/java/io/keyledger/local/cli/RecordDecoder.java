package io.keyledger.local.cli;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Turns one input (a file, or a bundled resource) into normalised key events. One decoder per input
 * format: the normalised JSON lines now; CloudTrail, Azure and Google log formats plug in beside it,
 * and {@link RecordDecoders} picks the decoder for each input from its first characters.
 */
interface RecordDecoder {

    /** The format's name, for messages. */
    String format();

    /** Whether this decoder reads an input that starts with {@code head} (up to a few KiB, possibly empty). */
    boolean recognises(String head);

    /**
     * Decodes every record of the input, in order, handing each to {@code sink} as an event or as a
     * malformed record; a bad record never stops the rest.
     *
     * @throws IOException when the input itself cannot be read
     */
    void decode(RecordInput input, Consumer<DecodedRecord> sink) throws IOException;
}
