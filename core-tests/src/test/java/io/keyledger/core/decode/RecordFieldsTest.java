package io.keyledger.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.json.Json;
import io.keyledger.core.json.RecordFormatException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * The one reader of the providers' JSON records: typed reads by path, the same reasons for every provider,
 * and each provider's dialect (names, text, numbers, objects, times).
 */
class RecordFieldsTest {

    private static final JsonDialect STRICT = JsonDialect.strict(TimeFormat.RFC_3339);
    private static final String RECORD = """
            {"eventName": "DisableKey", "blank": "  ", "padded": "  x  ", "count": 7, "big": 1e30,
             "flag": true, "nothing": null, "time": "2026-01-15T10:00:00+01:00",
             "request": {"keyId": "k-1", "tags": [{"tagKey": "team"}, {"tagKey": "ops"}], "names": ["a", " b "],
                         "context": {"Department": "x", "aws:s3:arn": "y"}},
             "mixed": [{"a": 1}, "two"], "strings": ["a", 2]}
            """;

    private static RecordFields record(JsonDialect dialect) {
        return dialect.root(json(RECORD));
    }

    private static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    /** The field and reason of the problem a read reports. */
    private static String problem(Function<RecordFields, ?> read) {
        return problem(STRICT, read);
    }

    private static String problem(JsonDialect dialect, Function<RecordFields, ?> read) {
        try {
            read.apply(record(dialect));
        } catch (RecordFormatException e) {
            return e.field() + ": " + e.reason();
        }
        throw new AssertionError("no problem reported");
    }

    @Nested
    class WhatIsThere {

        @Test
        void fieldsAreReadByTheirTypes() {
            RecordFields r = record(STRICT);

            assertThat(r.requiredText("eventName")).isEqualTo("DisableKey");
            assertThat(r.integer("count")).contains(7L);
            assertThat(r.bool("flag")).contains(true);
            assertThat(r.instant("time")).contains(Instant.parse("2026-01-15T09:00:00Z"));
            assertThat(r.requiredObject("request").text("keyId")).contains("k-1");
            assertThat(r.requiredObject("request").texts("names")).containsExactly("a", " b ");
            assertThat(r.requiredObject("request").memberNames("context")).containsExactly("Department", "aws:s3:arn");
        }

        @Test
        void nestedFieldsAreNamedByTheirWholePath() {
            RecordFields tags = record(STRICT).requiredObject("request").objects("tags").get(1);

            assertThat(tags.path()).isEqualTo("request.tags[1]");
            assertThat(tags.pathOf("tagKey")).isEqualTo("request.tags[1].tagKey");
            assertThat(tags.requiredText("tagKey")).isEqualTo("ops");
        }

        @Test
        void aPartOfARecordIsNamedFromWhereItSits() {
            RecordFields detail = STRICT.root(json("{\"eventID\": 5}"), "detail");

            assertThat(problem(r -> detail.text("eventID"))).isEqualTo("detail.eventID: expected a string, was a number");
        }

        @Test
        void absentAndNullFieldsAreNotThere() {
            RecordFields r = record(STRICT);

            assertThat(r.text("absent")).isEmpty();
            assertThat(r.text("nothing")).isEmpty();
            assertThat(r.integer("nothing")).isEmpty();
            assertThat(r.bool("absent")).isEmpty();
            assertThat(r.instant("nothing")).isEmpty();
            assertThat(r.object("nothing")).isEmpty();
            assertThat(r.array("absent")).isEmpty();
            assertThat(r.objects("nothing")).isEmpty();
            assertThat(r.memberNames("absent")).isEmpty();
            assertThat(r.has("nothing")).isTrue();
            assertThat(r.has("absent")).isFalse();
        }

        @Test
        void aNestedPathThatIsAbsentReadsAsAnEmptyObjectWhereAsked() {
            RecordFields r = record(STRICT);

            assertThat(r.object("response").flatMap(o -> o.text("keyId"))).isEmpty();
            RecordFields response = r.objectOrEmpty("response");
            assertThat(response.path()).isEqualTo("response");
            assertThat(response.text("keyId")).isEmpty();
            assertThat(problem(x -> x.objectOrEmpty("response").requiredText("keyId")))
                    .isEqualTo("response.keyId: missing");
        }
    }

    @Nested
    class WhatIsWrong {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                text of a number          | count                | count: expected a string, was a number
                text of an object         | request              | request: expected a string, was an object
                text of a boolean         | flag                 | flag: expected a string, was a boolean
                text of an array          | mixed                | mixed: expected a string, was an array
                """)
        void aFieldOfTheWrongTypeIsNamedWithWhatItWas(String name, String field, String expected) {
            assertThat(problem(r -> r.text(field))).isEqualTo(expected);
        }

        @Test
        void eachTypedReadSaysWhatItExpected() {
            assertThat(problem(r -> r.integer("eventName"))).isEqualTo("eventName: expected a whole number, was a string");
            assertThat(problem(r -> r.integer("big"))).isEqualTo("big: expected a whole number, was a number");
            assertThat(problem(r -> r.bool("count"))).isEqualTo("count: expected true or false, was a number");
            assertThat(problem(r -> r.object("eventName"))).isEqualTo("eventName: expected an object, was a string");
            assertThat(problem(r -> r.array("request"))).isEqualTo("request: expected an array, was an object");
            assertThat(problem(r -> r.instant("flag"))).isEqualTo("flag: expected a time, was a boolean");
            assertThat(problem(r -> r.instant("count"))).isEqualTo("count: expected a time, was a number");
            assertThat(problem(r -> r.memberNames("eventName"))).isEqualTo("eventName: expected an object, was a string");
        }

        @Test
        void aMissingRequiredFieldIsMissingAndABlankOneMustNotBeBlank() {
            assertThat(problem(r -> r.requiredText("absent"))).isEqualTo("absent: missing");
            assertThat(problem(r -> r.requiredText("nothing"))).isEqualTo("nothing: missing");
            assertThat(problem(r -> r.requiredText("blank"))).isEqualTo("blank: must not be blank");
            assertThat(problem(r -> r.requiredObject("response"))).isEqualTo("response: missing");
            assertThat(problem(r -> r.requiredInstant("absent"))).isEqualTo("absent: missing");
        }

        @Test
        void aTimeInNoneOfTheFormsSaysWhichItExpected() {
            RecordFields r = STRICT.root(json("{\"at\": \"yesterday\", \"day\": \"2026-02-30T00:00:00Z\"}"));

            assertThat(problem(x -> r.instant("at")))
                    .isEqualTo("at: not a time: 'yesterday' (expected an RFC 3339 timestamp such as 2026-01-15T09:00:00Z)");
            assertThat(problem(x -> r.instant("day"))).startsWith("day: not a time: '2026-02-30T00:00:00Z' (");
        }

        @Test
        void theElementsOfAnArrayAreCheckedAndNamedByTheirIndex() {
            assertThat(problem(r -> r.objects("mixed"))).isEqualTo("mixed[1]: expected an object, was a string");
            assertThat(problem(r -> r.texts("strings"))).isEqualTo("strings[1]: expected a string, was a number");
            assertThat(problem(r -> r.objects("eventName"))).isEqualTo("eventName: expected an array, was a string");
        }

        @Test
        void aRecordThatIsNoObjectIsNamedAsAWhole() {
            assertThatThrownBy(() -> STRICT.root(json("[1, 2]")))
                    .isInstanceOfSatisfying(RecordFormatException.class, e -> {
                        assertThat(e.field()).isEmpty();
                        assertThat(e.reason()).isEqualTo("expected a JSON object, was an array");
                    });
            assertThatThrownBy(() -> STRICT.root(json("\"text\""), "data"))
                    .isInstanceOfSatisfying(RecordFormatException.class, e -> assertThat(e.getMessage())
                            .isEqualTo("field 'data': expected a JSON object, was a string"));
        }

        @Test
        void anythingButAnObjectReadsAsAnEmptyOneWhereNoCheckIsAsked() {
            RecordFields notAnObject = STRICT.fields(json("[1]"), "x");

            assertThat(notAnObject.text("a")).isEmpty();
            assertThat(notAnObject.get("a").isMissingNode()).isTrue();
        }
    }

    @Nested
    class Dialects {

        private final JsonDialect trimming = STRICT.trimmingText();

        @Test
        void textIsAsWrittenUnlessTheDialectTrimsIt() {
            assertThat(record(STRICT).text("padded")).contains("  x  ");
            assertThat(record(STRICT).text("blank")).contains("  ");
            assertThat(record(trimming).text("padded")).contains("x");
            assertThat(record(trimming).text("blank")).isEmpty();
            assertThat(record(trimming).requiredText("padded")).isEqualTo("x");
            assertThat(problem(trimming, r -> r.requiredText("blank"))).isEqualTo("blank: must not be blank");
        }

        @Test
        void aBlankTimeIsNoTimeWhereBlankTextIsAbsent() {
            assertThat(record(trimming).instant("blank")).isEmpty();
            assertThat(problem(STRICT, r -> r.instant("blank"))).startsWith("blank: not a time: '  ' (expected ");
        }

        @Test
        void wholeNumbersMayBeWrittenAsTextWhereTheDialectSaysSo() {
            JsonDialect proto3 = STRICT.withWholeNumbersAsText();
            RecordFields r = proto3.root(json("{\"code\": \" 7 \", \"bad\": \"seven\"}"));

            assertThat(r.integer("code")).contains(7L);
            assertThat(problem(proto3, x -> r.integer("bad"))).isEqualTo("bad: expected a whole number, was 'seven'");
            assertThat(problem(x -> STRICT.root(json("{\"code\": \"7\"}")).integer("code")))
                    .isEqualTo("code: expected a whole number, was a string");
        }

        @Test
        void namesMatchInAnyCaseAndWithStrayBlanksWhereTheDialectSaysSo() {
            JsonNode grid = json("{\"OperationName\": \"KeyCreate\", \"ObjectName \": \"k\", \"time\": \"t\"}");
            RecordFields anyCase = STRICT.withNamesInAnyCase().root(grid);

            assertThat(anyCase.text("operationName")).contains("KeyCreate");
            assertThat(anyCase.text("objectName")).contains("k");
            assertThat(STRICT.root(grid).text("operationName")).isEmpty();
        }

        @Test
        void alternateNamesAreTriedInOrderAndTheFieldIsNamedByTheFirst() {
            RecordFields r = STRICT.root(json("{\"TimeGenerated\": 5, \"_ResourceId\": \"/subscriptions/s\"}"));

            assertThat(r.text("resourceId", "_ResourceId")).contains("/subscriptions/s");
            assertThat(problem(x -> r.text("time", "TimeGenerated"))).isEqualTo("time: expected a string, was a number");
        }

        @Test
        void objectsMayArriveAsTheirJsonTextWhereTheDialectSaysSo() {
            JsonDialect azure = STRICT.trimmingText().withObjectsAsJsonText();
            RecordFields r = azure.root(json("{\"identity\": \"{\\\"claim\\\": {\\\"oid\\\": \\\"o-1\\\"}}\", "
                    + "\"blank\": \" \", \"broken\": \"{\\\"claim\\\":\", \"list\": \"[1]\"}"));

            assertThat(r.requiredObject("identity").requiredObject("claim").text("oid")).contains("o-1");
            assertThat(r.requiredObject("identity").requiredObject("claim").path()).isEqualTo("identity.claim");
            assertThat(r.object("blank")).isEmpty();
            assertThat(problem(azure, x -> r.object("broken")))
                    .isEqualTo("broken: expected an object or its JSON text, was text that is not JSON");
            assertThat(problem(azure, x -> r.object("list"))).isEqualTo("list: expected an object, was a string");
            assertThat(problem(x -> STRICT.root(json("{\"identity\": \"{}\"}")).object("identity")))
                    .isEqualTo("identity: expected an object, was a string");
        }

        @Test
        void aFormatMayReadTimesFromNumbers() {
            TimeFormat epochSeconds = new TimeFormat() {
                @Override
                public String forms() {
                    return "seconds since 1970";
                }

                @Override
                public Optional<Instant> fromText(String text) {
                    throw new DateTimeException("no text here");
                }

                @Override
                public boolean readsNumbers() {
                    return true;
                }

                @Override
                public Optional<Instant> fromNumber(JsonNode number) {
                    return number.asLong() < 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(number.asLong()));
                }
            };
            JsonDialect dialect = JsonDialect.strict(epochSeconds);
            RecordFields r = dialect.root(json("{\"at\": 60, \"before\": -1, \"text\": \"60\"}"));

            assertThat(r.instant("at")).contains(Instant.ofEpochSecond(60));
            assertThat(problem(dialect, x -> r.instant("before")))
                    .isEqualTo("before: not a time: -1 (expected seconds since 1970)");
            assertThat(problem(dialect, x -> r.instant("text"))).isEqualTo("text: not a time: '60' (no text here)");
        }
    }

    @Nested
    class LooseReads {

        private final JsonDialect lenient = STRICT.trimmingText().withObjectsAsJsonText();

        @Test
        void scalarTextReadsNumbersAndBooleansButNoContainers() {
            RecordFields r = record(lenient);

            assertThat(r.scalarText("count")).contains("7");
            assertThat(r.scalarText("flag")).contains("true");
            assertThat(r.scalarText("padded")).contains("x");
            assertThat(problem(lenient, x -> x.scalarText("request"))).isEqualTo("request: expected a string, was an object");
        }

        @Test
        void looseReadsNeverFail() {
            RecordFields r = record(lenient);

            assertThat(r.looseText("count")).contains("7");
            assertThat(r.looseText("request")).isEmpty();
            assertThat(r.looseText("blank")).isEmpty();
            assertThat(r.looseInstant("eventName")).isEmpty();
            assertThat(r.looseInstant("request")).isEmpty();
            assertThat(r.looseInstant("time")).contains(Instant.parse("2026-01-15T09:00:00Z"));
            assertThat(r.looseObject("eventName")).isEmpty();
            assertThat(r.looseObject("request").flatMap(o -> o.text("keyId"))).contains("k-1");
            assertThat(lenient.looseText(json("[1]"))).isEmpty();
            assertThat(lenient.looseText(json("12.5"))).contains("12.5");
        }
    }

    @Test
    void kindsAreNamedAsMessagesSayThem() {
        assertThat(RecordFields.kind(json("\"a\""))).isEqualTo("a string");
        assertThat(RecordFields.kind(json("1"))).isEqualTo("a number");
        assertThat(RecordFields.kind(json("false"))).isEqualTo("a boolean");
        assertThat(RecordFields.kind(json("[]"))).isEqualTo("an array");
        assertThat(RecordFields.kind(json("{}"))).isEqualTo("an object");
        assertThat(RecordFields.kind(json("null"))).isEqualTo("null");
    }
}
