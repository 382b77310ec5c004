package io.keyledger.infra.azure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A reader of the Bicep that infra/azure is written in, no more: declarations ({@code targetScope},
 * {@code param}, {@code var}, {@code resource}, {@code module}, {@code output}, with decorators), objects,
 * arrays, {@code for} loops, {@code if} conditions, strings with interpolation, numbers, booleans and
 * expressions. What the tests need to look at is kept as values (objects, arrays, literal strings); every
 * other expression is kept as its source text. Anything outside this subset is an error naming the file,
 * line and column, so that a template the reader does not understand fails the tests rather than pass them
 * unread. No Bicep compiler runs here: what only the compiler and Azure check is in docs/azure/DEPLOY.md.
 */
final class Bicep {

    /** A value in a template. */
    sealed interface Value {
    }

    record Obj(Map<String, Value> properties) implements Value {
        Optional<Value> get(String name) {
            return Optional.ofNullable(properties.get(name));
        }
    }

    record Arr(List<Value> items) implements Value {
    }

    /** A string without interpolation. */
    record Str(String text) implements Value {
    }

    /** A string with {@code ${...}} parts: their source text, in place. */
    record Interpolated(String source) implements Value {
    }

    record Num(long value) implements Value {
    }

    record Bool(boolean value) implements Value {
    }

    record Null() implements Value {
    }

    /** Any other expression: a reference, a call, an operator; its source text. */
    record Expr(String source) implements Value {
    }

    /** {@code [for item in source: body]}. */
    record Loop(String item, Value source, Value body) implements Value {
    }

    /** {@code if (condition) body}. */
    record When(Value condition, Value body) implements Value {
    }

    /** One declaration of a file. */
    record Declaration(String keyword, String name, String type, Optional<Value> value, Map<String, Value> decorators,
                       boolean existing, int line) {

        /** The body of a resource or module, through its condition or loop. */
        Obj body() {
            Value v = value.orElseThrow();
            while (!(v instanceof Obj)) {
                if (v instanceof When w) {
                    v = w.body();
                } else if (v instanceof Loop l) {
                    v = l.body();
                } else {
                    throw new IllegalStateException(name + " has no object body");
                }
            }
            return (Obj) v;
        }

        /** {@code 'Microsoft.Web/sites@2023-12-01'}: the type without its API version. */
        String resourceType() {
            int at = type.indexOf('@');
            return at < 0 ? type : type.substring(0, at);
        }
    }

    /** One .bicep file, read. */
    record Template(Path path, String targetScope, List<Declaration> declarations) {

        List<Declaration> all(String keyword) {
            return declarations.stream().filter(d -> d.keyword().equals(keyword)).toList();
        }

        Declaration named(String keyword, String name) {
            return all(keyword).stream().filter(d -> d.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(path + " has no " + keyword + " " + name));
        }

        List<Declaration> resources(String type) {
            return all("resource").stream().filter(d -> d.resourceType().equals(type)).toList();
        }

        /**
         * A value's literal text: a string, or an expression naming a {@code var} (or a parameter's default) that
         * is one. Empty for anything computed.
         */
        Optional<String> literal(Value value) {
            if (value instanceof Str s) {
                return Optional.of(s.text());
            }
            if (value instanceof Expr e && e.source().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                for (Declaration d : declarations) {
                    if ((d.keyword().equals("var") || d.keyword().equals("param")) && d.name().equals(e.source())
                            && d.value().isPresent()) {
                        return literal(d.value().get());
                    }
                }
            }
            return Optional.empty();
        }
    }

    static Template read(Path file) throws IOException {
        return new Parser(file, Files.readString(file)).template();
    }

    /** Follows a dotted path of property names through objects. */
    static Optional<Value> at(Value value, String path) {
        Value v = value;
        for (String name : path.split("\\.")) {
            if (!(v instanceof Obj o) || !o.properties().containsKey(name)) {
                return Optional.empty();
            }
            v = o.properties().get(name);
        }
        return Optional.of(v);
    }

    // ---- tokens

    private enum Kind { IDENT, STRING, MULTILINE, NUMBER, SYMBOL, NEWLINE, END }

    private record Token(Kind kind, String text, int start, int end, int line, int column) {
    }

    private static final List<String> SYMBOLS = List.of("==", "!=", "<=", ">=", "&&", "||", "??", "=~", "!~", "?.",
            "::", "{", "}", "[", "]", "(", ")", ":", ",", ".", "?", "!", "=", "<", ">", "+", "-", "*", "/", "%", "@");

    private static List<Token> tokens(Path file, String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int line = 1;
        int lineStart = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int column = i - lineStart + 1;
            if (c == '\n') {
                out.add(new Token(Kind.NEWLINE, "\n", i, i + 1, line, column));
                i++;
                line++;
                lineStart = i;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int close = s.indexOf("*/", i + 2);
                if (close < 0) {
                    throw error(file, line, column, "unterminated comment");
                }
                for (int k = i; k < close; k++) {
                    if (s.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = close + 2;
            } else if (s.startsWith("'''", i)) {
                int close = s.indexOf("'''", i + 3);
                if (close < 0) {
                    throw error(file, line, column, "unterminated multi-line string");
                }
                out.add(new Token(Kind.MULTILINE, s.substring(i + 3, close), i, close + 3, line, column));
                for (int k = i; k < close; k++) {
                    if (s.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = close + 3;
            } else if (c == '\'') {
                int j = i + 1;
                int depth = 0;
                while (true) {
                    if (j >= s.length() || s.charAt(j) == '\n') {
                        throw error(file, line, column, "unterminated string");
                    }
                    char d = s.charAt(j);
                    if (d == '\\') {
                        j += 2;
                        continue;
                    }
                    if (depth == 0 && d == '\'') {
                        break;
                    }
                    if (d == '$' && j + 1 < s.length() && s.charAt(j + 1) == '{') {
                        depth++;
                        j += 2;
                        continue;
                    }
                    if (depth > 0 && d == '}') {
                        depth--;
                    } else if (depth > 0 && d == '{') {
                        depth++;
                    } else if (depth > 0 && d == '\'') {
                        // a string inside an interpolation
                        j++;
                        while (j < s.length() && s.charAt(j) != '\'') {
                            j += s.charAt(j) == '\\' ? 2 : 1;
                        }
                    }
                    j++;
                }
                out.add(new Token(Kind.STRING, s.substring(i + 1, j), i, j + 1, line, column));
                i = j + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Token(Kind.IDENT, s.substring(i, j), i, j, line, column));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < s.length() && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(i, j), i, j, line, column));
                i = j;
            } else {
                final int at = i;
                String symbol = SYMBOLS.stream().filter(x -> s.startsWith(x, at)).findFirst()
                        .orElseThrow(() -> error(file, 0, 0, "unexpected character '" + c + "'"));
                out.add(new Token(Kind.SYMBOL, symbol, i, i + symbol.length(), line, column));
                i += symbol.length();
            }
        }
        out.add(new Token(Kind.END, "", s.length(), s.length(), line, 1));
        return out;
    }

    private static IllegalArgumentException error(Path file, int line, int column, String message) {
        return new IllegalArgumentException(file + ":" + line + ":" + column + ": " + message);
    }

    // ---- parser

    private static final Set<String> UNSUPPORTED = Set.of("import", "type", "func", "metadata", "extension", "using");

    private static final class Parser {
        private final Path file;
        private final String source;
        private final List<Token> tokens;
        private int pos;
        /** Inside parentheses, line breaks separate nothing. */
        private int parens;

        Parser(Path file, String source) {
            this.file = file;
            this.source = source;
            this.tokens = tokens(file, source);
        }

        Template template() {
            String scope = "resourceGroup";
            List<Declaration> declarations = new ArrayList<>();
            Map<String, Value> decorators = new LinkedHashMap<>();
            while (true) {
                skipNewlines();
                Token t = peek();
                if (t.kind() == Kind.END) {
                    break;
                }
                if (is("@")) {
                    next();
                    String name = ident();
                    Value args = new Arr(List.of());
                    if (is("(")) {
                        args = new Arr(arguments());
                    }
                    decorators.put(name, args);
                    continue;
                }
                String keyword = ident();
                if (UNSUPPORTED.contains(keyword)) {
                    throw fail(t, "'" + keyword + "' declarations are outside the subset this reader knows");
                }
                switch (keyword) {
                    case "targetScope" -> {
                        expect("=");
                        Token scopeToken = peek();
                        if (!(expression() instanceof Str s)) {
                            throw fail(scopeToken, "targetScope must be a string");
                        }
                        scope = s.text();
                    }
                    case "param" -> {
                        String name = ident();
                        String type = typeName();
                        Optional<Value> dflt = Optional.empty();
                        if (is("=")) {
                            next();
                            dflt = Optional.of(expression());
                        }
                        declarations.add(new Declaration("param", name, type, dflt, Map.copyOf(decorators), false,
                                t.line()));
                    }
                    case "var" -> {
                        String name = ident();
                        expect("=");
                        declarations.add(new Declaration("var", name, "", Optional.of(expression()),
                                Map.copyOf(decorators), false, t.line()));
                    }
                    case "resource", "module" -> {
                        String name = ident();
                        Token type = next();
                        if (type.kind() != Kind.STRING) {
                            throw fail(type, keyword + " " + name + ": expected its type (or path) as a string");
                        }
                        boolean existing = false;
                        if (peek().kind() == Kind.IDENT && peek().text().equals("existing")) {
                            next();
                            existing = true;
                        }
                        expect("=");
                        declarations.add(new Declaration(keyword, name, type.text(), Optional.of(body()),
                                Map.copyOf(decorators), existing, t.line()));
                    }
                    case "output" -> {
                        String name = ident();
                        String type = typeName();
                        expect("=");
                        declarations.add(new Declaration("output", name, type, Optional.of(expression()),
                                Map.copyOf(decorators), false, t.line()));
                    }
                    default -> throw fail(t, "unknown declaration '" + keyword + "'");
                }
                decorators.clear();
                Token end = peek();
                if (end.kind() != Kind.NEWLINE && end.kind() != Kind.END) {
                    throw fail(end, "expected the end of the line after the declaration, found '" + end.text() + "'");
                }
            }
            return new Template(file, scope, List.copyOf(declarations));
        }

        private String typeName() {
            String type = ident();
            while (is("[")) {
                next();
                expect("]");
                type += "[]";
            }
            return type;
        }

        /** A resource's or module's body: an object, {@code if (...) {...}} or {@code [for ...]}. */
        private Value body() {
            if (peek().kind() == Kind.IDENT && peek().text().equals("if")) {
                next();
                expect("(");
                parens++;
                Value condition = expression();
                parens--;
                expect(")");
                return new When(condition, object());
            }
            if (is("[")) {
                return array();
            }
            return object();
        }

        private Value expression() {
            int start = peek().start();
            Value condition = binary(0);
            if (is("?")) {
                next();
                skipNewlines();
                binaryOrTernary();
                skipNewlines();
                expect(":");
                skipNewlines();
                binaryOrTernary();
                return new Expr(text(start));
            }
            return condition;
        }

        private void binaryOrTernary() {
            expression();
        }

        private static final List<List<String>> PRECEDENCE = List.of(List.of("??"), List.of("||"), List.of("&&"),
                List.of("==", "!=", "=~", "!~"), List.of("<", ">", "<=", ">="), List.of("+", "-"), List.of("*", "/", "%"));

        private Value binary(int level) {
            if (level == PRECEDENCE.size()) {
                return unary();
            }
            int start = peek().start();
            Value left = binary(level + 1);
            boolean combined = false;
            while (peek().kind() == Kind.SYMBOL && PRECEDENCE.get(level).contains(peek().text())) {
                next();
                skipNewlinesInParens();
                binary(level + 1);
                combined = true;
            }
            return combined ? new Expr(text(start)) : left;
        }

        private Value unary() {
            if (is("!") || is("-")) {
                int start = peek().start();
                next();
                Value operand = unary();
                if (operand instanceof Num n && source.charAt(start) == '-') {
                    return new Num(-n.value());
                }
                return new Expr(text(start));
            }
            return postfix();
        }

        private Value postfix() {
            int start = peek().start();
            Value primary = primary();
            boolean changed = false;
            while (true) {
                if (is(".") || is("?.") || is("::")) {
                    next();
                    ident();
                    changed = true;
                } else if (is("[") && adjacent()) {
                    next();
                    parens++;
                    expression();
                    parens--;
                    expect("]");
                    changed = true;
                } else if (is("(") && adjacent() && (changed || primary instanceof Expr)) {
                    arguments();
                    changed = true;
                } else if (is("!") && adjacent()) {
                    next();
                    changed = true;
                } else {
                    break;
                }
            }
            return changed ? new Expr(text(start)) : primary;
        }

        /** Whether the next token follows the previous one without a space (a call, an index). */
        private boolean adjacent() {
            return pos > 0 && tokens.get(pos - 1).end() == peek().start();
        }

        private Value primary() {
            Token t = peek();
            switch (t.kind()) {
                case STRING -> {
                    next();
                    return t.text().contains("${") ? new Interpolated(t.text()) : new Str(unescape(t));
                }
                case MULTILINE -> {
                    next();
                    return new Str(t.text());
                }
                case NUMBER -> {
                    next();
                    return new Num(Long.parseLong(t.text()));
                }
                case IDENT -> {
                    next();
                    return switch (t.text()) {
                        case "true" -> new Bool(true);
                        case "false" -> new Bool(false);
                        case "null" -> new Null();
                        default -> new Expr(t.text());
                    };
                }
                case SYMBOL -> {
                    if (t.text().equals("{")) {
                        return object();
                    }
                    if (t.text().equals("[")) {
                        return array();
                    }
                    if (t.text().equals("(")) {
                        next();
                        parens++;
                        skipNewlines();
                        expression();
                        skipNewlines();
                        parens--;
                        expect(")");
                        return new Expr(text(t.start()));
                    }
                    throw fail(t, "unexpected '" + t.text() + "'");
                }
                default -> throw fail(t, "unexpected " + (t.kind() == Kind.NEWLINE ? "end of line" : "end of file"));
            }
        }

        private List<Value> arguments() {
            expect("(");
            parens++;
            List<Value> args = new ArrayList<>();
            skipNewlines();
            while (!is(")")) {
                args.add(expression());
                skipNewlines();
                if (is(",")) {
                    next();
                    skipNewlines();
                }
            }
            parens--;
            expect(")");
            return args;
        }

        private Obj object() {
            expect("{");
            int saved = parens;
            parens = 0;
            Map<String, Value> properties = new LinkedHashMap<>();
            skipSeparators();
            while (!is("}")) {
                Token key = next();
                String name = switch (key.kind()) {
                    case IDENT -> key.text();
                    case STRING -> key.text().contains("${") ? key.text() : unescape(key);
                    default -> throw fail(key, "expected a property name");
                };
                expect(":");
                Value value = expression();
                if (properties.put(name, value) != null) {
                    throw fail(key, "property '" + name + "' given twice");
                }
                Token after = peek();
                if (!is("}") && after.kind() != Kind.NEWLINE && !is(",")) {
                    throw fail(after, "expected a line break after property '" + name + "', found '" + after.text() + "'");
                }
                skipSeparators();
            }
            expect("}");
            parens = saved;
            return new Obj(properties);
        }

        private Value array() {
            expect("[");
            int saved = parens;
            parens = 0;
            if (peek().kind() == Kind.IDENT && peek().text().equals("for")) {
                next();
                String item;
                if (is("(")) {
                    next();
                    item = ident();
                    expect(",");
                    ident();
                    expect(")");
                } else {
                    item = ident();
                }
                Token in = next();
                if (!in.text().equals("in")) {
                    throw fail(in, "expected 'in'");
                }
                Value source = expression();
                expect(":");
                Value body = body();
                skipNewlines();
                expect("]");
                parens = saved;
                return new Loop(item, source, body);
            }
            List<Value> items = new ArrayList<>();
            skipSeparators();
            while (!is("]")) {
                items.add(expression());
                Token after = peek();
                if (!is("]") && after.kind() != Kind.NEWLINE && !is(",")) {
                    throw fail(after, "expected a line break between array items, found '" + after.text() + "'");
                }
                skipSeparators();
            }
            expect("]");
            parens = saved;
            return new Arr(items);
        }

        private String unescape(Token t) {
            String s = t.text();
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(++i);
                switch (e) {
                    case '\\', '\'', '$' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    default -> throw fail(t, "unknown escape '\\" + e + "'");
                }
            }
            return out.toString();
        }

        private String text(int start) {
            return source.substring(start, tokens.get(pos - 1).end());
        }

        private void skipNewlines() {
            while (peek().kind() == Kind.NEWLINE) {
                pos++;
            }
        }

        private void skipNewlinesInParens() {
            if (parens > 0) {
                skipNewlines();
            }
        }

        private void skipSeparators() {
            while (peek().kind() == Kind.NEWLINE || is(",")) {
                pos++;
            }
        }

        private Token peek() {
            if (parens > 0) {
                while (tokens.get(pos).kind() == Kind.NEWLINE) {
                    pos++;
                }
            }
            return tokens.get(pos);
        }

        private Token next() {
            Token t = peek();
            pos++;
            return t;
        }

        private boolean is(String symbol) {
            Token t = peek();
            return t.kind() == Kind.SYMBOL && t.text().equals(symbol);
        }

        private void expect(String symbol) {
            Token t = next();
            if (t.kind() != Kind.SYMBOL || !t.text().equals(symbol)) {
                throw fail(t, "expected '" + symbol + "', found '" + (t.kind() == Kind.NEWLINE ? "end of line" : t.text())
                        + "'");
            }
        }

        private String ident() {
            Token t = next();
            if (t.kind() != Kind.IDENT) {
                throw fail(t, "expected a name, found '" + t.text() + "'");
            }
            return t.text();
        }

        private IllegalArgumentException fail(Token t, String message) {
            return error(file, t.line(), t.column(), message);
        }
    }
}
