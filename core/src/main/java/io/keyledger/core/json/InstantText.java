package io.keyledger.core.json;

import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdScalarSerializer;

/**
 * Instants in KeyLedger's JSON, the same text as Jackson's own java.time support writes and reads
 * ({@link Instant#toString}'s ISO-8601 form), by hand: a key's record holds a dozen instants, and the general
 * formatter cost a tenth of applying an event. Any other form read (an offset, a number) goes to Jackson's
 * own deserializer, which reads it, or names what is wrong, as before.
 */
public final class InstantText {

    private InstantText() {
    }

    /** The serializer and deserializer, for a mapper that writes KeyLedger's records. */
    public static SimpleModule module() {
        return new SimpleModule("keyledger-instants")
                .addSerializer(Instant.class, new Writer())
                .addDeserializer(Instant.class, new Reader());
    }

    private static final class Writer extends StdScalarSerializer<Instant> {
        Writer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializationContext context) {
            gen.writeString(IsoUtc.format(value));
        }
    }

    private static final class Reader extends StdScalarDeserializer<Instant> {
        Reader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext context) {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                Optional<Instant> read = IsoUtc.parse(p.getString());
                if (read.isPresent()) {
                    return read.get();
                }
            }
            return InstantDeserializer.INSTANT.deserialize(p, context);
        }
    }
}
