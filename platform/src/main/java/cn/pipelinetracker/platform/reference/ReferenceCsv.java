package cn.pipelinetracker.platform.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Reads the bundled reference CSV files: a header line, then plain comma-separated values (no quoting). */
final class ReferenceCsv {

    private ReferenceCsv() {
    }

    static List<String[]> rows(String resource, int columns) {
        try (InputStream in = ReferenceCsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing reference data " + resource);
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().skip(1).filter(line -> !line.isBlank())
                    .map(line -> line.split(",", -1))
                    .peek(row -> {
                        if (row.length != columns) {
                            throw new IllegalStateException(resource + ": expected " + columns + " columns in "
                                    + Arrays.toString(row));
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
