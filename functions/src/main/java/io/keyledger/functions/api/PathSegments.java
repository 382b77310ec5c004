package io.keyledger.functions.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a raw (still percent-encoded) request path into decoded segments. Splitting comes first, so
 * an encoded '/' ({@code %2F}) stays inside its segment. '+' is a plus sign in a path, not a space.
 */
final class PathSegments {

    private PathSegments() {
    }

    /**
     * @throws ApiProblem 400 for a path that does not start with '/', or a bad percent-encoding or UTF-8
     */
    static List<String> decode(String rawPath) {
        if (!rawPath.startsWith("/")) {
            throw ApiProblem.invalid(FieldError.path("path", "must start with '/'"));
        }
        List<String> out = new ArrayList<>();
        for (String raw : rawPath.substring(1).split("/", -1)) {
            out.add(decodeSegment(raw));
        }
        return out;
    }

    private static String decodeSegment(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(plain, 0, plain.length);
                continue;
            }
            int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                throw ApiProblem.invalid(FieldError.path("path",
                        "bad percent-encoding at '" + abbreviate(raw.substring(i)) + "' (expected %XX)"));
            }
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw ApiProblem.invalid(FieldError.path("path", "a percent-encoded segment is not UTF-8"));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 12 ? s : s.substring(0, 12) + "...";
    }
}
