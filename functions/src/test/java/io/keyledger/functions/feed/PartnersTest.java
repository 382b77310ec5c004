package io.keyledger.functions.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.testkit.MemorySigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The partners file: partners, their keys inline or in files beside it, and errors naming the field. */
class PartnersTest {

    @TempDir
    Path dir;

    private final String pem = MemorySigner.create().publicKey().pem();

    @Test
    void readsPartnersWithTheirKeysInlineOrFromAFileBesideIt() throws Exception {
        Files.writeString(dir.resolve("northwind.pem"), pem);
        Path file = Files.writeString(dir.resolve("partners.json"), """
                {"partners": [
                  {"name": "northwind", "relation": "downstream", "publicKey": "northwind.pem", "tenants": ["acme"],
                   "responsibleParty": "Northwind Bank key custodians", "description": "a customer"},
                  {"name": "contoso-hsm", "relation": "UPSTREAM", "publicKey": %s, "tenants": ["acme", "beta"]}
                ]}""".formatted(io.keyledger.core.json.Json.write(pem)));

        Partners partners = Partners.read(file);

        assertThat(partners.of("acme")).extracting(Partner::name).containsExactly("northwind", "contoso-hsm");
        assertThat(partners.of("beta")).extracting(Partner::name).containsExactly("contoso-hsm");
        assertThat(partners.named("contoso-hsm").orElseThrow().responsibleParty()).isEqualTo("contoso-hsm");
        assertThat(partners.named("northwind").orElseThrow().relation()).isEqualTo(Partner.Relation.DOWNSTREAM);
        assertThat(partners.named("northwind").orElseThrow().publicKey().pem()).isEqualTo(pem);
    }

    @Test
    void everyMistakeNamesTheFileTheEntryAndTheField() {
        assertThatThrownBy(() -> Partners.parse("partners.json", "{\"partners\": [{\"name\": \"n\", \"relation\": "
                + "\"sideways\", \"publicKey\": \"x\", \"tenants\": [\"acme\"]}]}", Optional.empty()))
                .hasMessage("partners.json: partners[0] (n).relation: expected upstream or downstream, not 'sideways'");
        assertThatThrownBy(() -> Partners.parse("partners.json", "{\"partners\": [{\"name\": \"n\", \"relation\": "
                + "\"upstream\", \"publicKey\": \"missing.pem\", \"tenants\": [\"acme\"]}]}", Optional.of(dir)))
                .hasMessageContaining("partners.json: partners[0] (n).publicKey: cannot read");
        assertThatThrownBy(() -> Partners.parse("partners.json", "{\"partners\": [{\"name\": \"n\", \"relation\": "
                + "\"upstream\", \"publicKey\": " + io.keyledger.core.json.Json.write(pem) + ", \"tenants\": []}]}",
                Optional.empty())).hasMessage("partners.json: partners[0] (n).tenants: expected a non-empty list of tenant ids");
        assertThatThrownBy(() -> Partners.parse("partners.json", "{\"partners\": [{\"nme\": \"n\"}]}", Optional.empty()))
                .hasMessageContaining("partners.json: partners[0].nme: unknown field");
        assertThatThrownBy(() -> Partners.parse("partners.json", "{\"partners\": [{\"name\": \"Bad Name\", \"relation\": "
                + "\"upstream\", \"publicKey\": " + io.keyledger.core.json.Json.write(pem) + ", \"tenants\": [\"acme\"]}]}",
                Optional.empty())).hasMessageContaining("partners.json: partners[0] (Bad Name).name:");
        String twice = "{\"name\": \"n\", \"relation\": \"upstream\", \"publicKey\": " + io.keyledger.core.json.Json.write(pem)
                + ", \"tenants\": [\"acme\"]}";
        assertThatThrownBy(() -> Partners.parse("partners.json", "{\"partners\": [" + twice + ", " + twice + "]}",
                Optional.empty())).hasMessage("partners.json: partner 'n' is named twice");
    }
}
