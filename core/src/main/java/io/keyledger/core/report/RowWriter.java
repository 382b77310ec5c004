package io.keyledger.core.report;

import io.keyledger.core.json.Json;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a row report as it is read: CSV (a header row, then a row per item) or JSON (one object with
 * the report's header properties, an array of row objects, then trailing properties such as counts and
 * summaries, known only at the end). Nothing is kept but the current row; {@link #endOfPage()} flushes,
 * so a reader sees each page as soon as it is written. The caller's stream is flushed, never closed.
 */
abstract class RowWriter<T> {

    final List<Column<T>> columns;
    private long rows;

    private RowWriter(List<Column<T>> columns) {
        this.columns = List.copyOf(columns);
    }

    static <T> RowWriter<T> csv(OutputStream out, List<Column<T>> columns) throws IOException {
        return new CsvRows<>(out, columns);
    }

    /**
     * @param header    properties written before the rows ({@code report}, {@code tenant}, ...)
     * @param arrayName the property that holds the rows
     */
    static <T> RowWriter<T> json(OutputStream out, List<Column<T>> columns, Map<String, ?> header, String arrayName) {
        return new JsonRows<>(out, columns, header, arrayName);
    }

    final void write(T item) throws IOException {
        writeRow(item);
        rows++;
    }

    final long rows() {
        return rows;
    }

    abstract void writeRow(T item) throws IOException;

    abstract void endOfPage() throws IOException;

    /** Ends the report; {@code trailer} goes after the rows in JSON and is left out of CSV. */
    abstract void finish(Map<String, ?> trailer) throws IOException;

    private static final class CsvRows<T> extends RowWriter<T> {
        private final CsvWriter csv;
        private final String[] cells;

        CsvRows(OutputStream out, List<Column<T>> columns) throws IOException {
            super(columns);
            this.csv = new CsvWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
            this.cells = new String[columns.size()];
            csv.row(this.columns.stream().map(Column::name).toList());
        }

        @Override
        void writeRow(T item) throws IOException {
            for (int i = 0; i < cells.length; i++) {
                cells[i] = Cells.csv(columns.get(i).value().apply(item));
            }
            csv.row(List.of(cells));
        }

        @Override
        void endOfPage() throws IOException {
            csv.flush();
        }

        @Override
        void finish(Map<String, ?> trailer) throws IOException {
            csv.flush();
        }
    }

    private static final class JsonRows<T> extends RowWriter<T> {
        private final JsonGenerator g;

        JsonRows(OutputStream out, List<Column<T>> columns, Map<String, ?> header, String arrayName) {
            super(columns);
            this.g = generator(out);
            g.writeStartObject();
            header.forEach((name, value) -> Cells.property(g, name, value));
            g.writeName(arrayName);
            g.writeStartArray();
        }

        @Override
        void writeRow(T item) throws IOException {
            try {
                g.writeStartObject();
                for (Column<T> c : columns) {
                    Cells.property(g, c.name(), c.value().apply(item));
                }
                g.writeEndObject();
            } catch (JacksonException e) {
                throw io(e);
            }
        }

        @Override
        void endOfPage() throws IOException {
            try {
                g.flush();
            } catch (JacksonException e) {
                throw io(e);
            }
        }

        @Override
        void finish(Map<String, ?> trailer) throws IOException {
            try {
                g.writeEndArray();
                trailer.forEach((name, value) -> Cells.property(g, name, value));
                g.writeEndObject();
                g.close();
            } catch (JacksonException e) {
                throw io(e);
            }
        }
    }

    /** A JSON generator over the caller's stream that flushes it on close but leaves it open. */
    static JsonGenerator generator(OutputStream out) {
        return Json.mapper().createGenerator(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        });
    }

    /** Jackson 3 reports a failing stream unchecked; reports declare IOException. */
    static IOException io(JacksonException e) {
        return e.getCause() instanceof IOException io ? io
                : e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getMessage(), e);
    }
}
