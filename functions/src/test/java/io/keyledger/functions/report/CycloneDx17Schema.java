package io.keyledger.functions.report;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The CycloneDX 1.7 JSON schema kept in the test resources (cyclonedx-1.7/README.md says where from),
 * with the validator cyclonedx-core-java itself uses for 1.6: the schema's references are read from the
 * same folder, never fetched.
 */
final class CycloneDx17Schema {

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                    b -> b.schemaIdResolvers(r -> r.mapPrefix("http://cyclonedx.org/schema/", "classpath:cyclonedx-1.7/")))
            .getSchema(SchemaLocation.of("http://cyclonedx.org/schema/bom-1.7.schema.json"));

    private CycloneDx17Schema() {
    }

    /** The schema's complaints about a BOM, each with the path of the value it is about; empty when valid. */
    static List<String> errors(byte[] bom) {
        List<Error> errors = SCHEMA.validate(new String(bom, StandardCharsets.UTF_8), InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }
}
