package io.keyledger.aws.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hand-written checks that replaced regular expressions and lower-casing on the decode path answer as
 * those did, for any text, including the characters that lower-case to ASCII ('İ', the Kelvin sign) and the
 * long s, which upper-cases to 'S'.
 */
class QuickChecksProperties {

    private static final Pattern SERVICE_HOST = Pattern.compile(
            "([a-z0-9][a-z0-9-]*)(\\.[a-z]{2,4}(-[a-z]+)+-\\d+)?\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern SAFE = Pattern.compile("[^,\\p{Cntrl}]+");

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("amazonaws", "AmAzOnAwS", "amazonaw\u017F", "\u0130", "\u212A", "aws:", "AWS:",
                        "a\u017Fs:", ".com", ".com.cn", "s3", "bedrock.us-east-1", " ", ",", "\t", "\u007F",
                        "\u0085", "\uD83D\uDE00", "\uD800", "-", "."),
                Arbitraries.strings().withCharRange('\u0000', '\u00FF').ofMaxLength(3),
                Arbitraries.strings().all().ofMaxLength(2));
        return pieces.list().ofMaxSize(6).map(parts -> String.join("", parts));
    }

    @Property(tries = 3000)
    void aServiceHostIsFoundAsThePatternFindsIt(@ForAll("texts") String text) {
        Matcher m = SERVICE_HOST.matcher(text.trim().toLowerCase(Locale.ROOT));
        Optional<String> expected = m.matches() ? Optional.of(m.group(1)) : Optional.empty();
        assertThat(AwsServiceTable.serviceOfHost(text)).isEqualTo(expected);
    }

    @Property(tries = 3000)
    void aReservedContextKeyIsKnownAsLowerCasingKnewIt(@ForAll("texts") String key) {
        assertThat(ContextResources.reservedPrefix(key)).isEqualTo(key.toLowerCase(Locale.ROOT).startsWith("aws:"));
    }

    @Property(tries = 3000)
    void aSafeValueIsOneThePatternMatches(@ForAll("texts") String value) {
        assertThat(ContextResources.safe(value)).isEqualTo(SAFE.matcher(value).matches());
    }
}
