package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class OutputTest {

    private static final List<Column<String[]>> COLUMNS = List.of(
            Column.of("NAME", r -> r[0]), Column.of("VALUE", r -> r[1]));

    @org.junit.jupiter.api.Test
    void alignsTableColumnsAndMarksEmptyCells() {
        StringWriter out = new StringWriter();
        Table.print(new PrintWriter(out, true), COLUMNS, List.of(new String[] {"a", "1"}, new String[] {"longer", ""}));

        assertThat(out.toString().lines()).containsExactly("NAME    VALUE", "a       1", "longer  -");
    }

    @org.junit.jupiter.api.Test
    void neutralisesTerminalEscapesInCells() {
        assertThat(Table.printable("ok\u001b[31mred\nnext")).isEqualTo("ok?[31mred?next");
    }

    @org.junit.jupiter.api.Test
    void quotesCsvFieldsOnlyWhenNeeded() {
        StringWriter out = new StringWriter();
        Csv.print(new PrintWriter(out), COLUMNS, List.of(new String[] {"plain", "a,b"}, new String[] {"say \"hi\"", "x\ny"}));

        assertThat(out.toString()).isEqualTo("NAME,VALUE\r\nplain,\"a,b\"\r\n\"say \"\"hi\"\"\",\"x\ny\"\r\n");
    }

    @Property
    void csvFieldsReadBackAsWritten(@ForAll String value) {
        assertThat(unquote(Csv.field(value))).isEqualTo(value);
    }

    @Property
    void tableCellsHoldNoControlCharacters(@ForAll String value) {
        assertThat(Table.printable(value).chars().noneMatch(Character::isISOControl)).isTrue();
    }

    /** A reader of one RFC 4180 field, to check the writer against. */
    private static String unquote(String field) {
        if (!field.startsWith("\"")) {
            assertThat(field).doesNotContain(",", "\"", "\n", "\r");
            return field;
        }
        assertThat(field).endsWith("\"");
        List<Character> chars = new ArrayList<>();
        String body = field.substring(1, field.length() - 1);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                assertThat(body.charAt(i + 1)).isEqualTo('"');
                i++;
            }
            chars.add(c);
        }
        StringBuilder b = new StringBuilder();
        chars.forEach(b::append);
        return b.toString();
    }
}
