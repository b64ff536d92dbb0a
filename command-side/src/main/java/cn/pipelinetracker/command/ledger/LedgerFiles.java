package cn.pipelinetracker.command.ledger;

import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.ledger.LedgerColumn;
import cn.pipelinetracker.platform.web.InputRules;
import cn.pipelinetracker.platform.web.ProblemException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.springframework.http.HttpStatus;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an uploaded ledger: xlsx (its first sheet, through POI's streaming SAX reader) or CSV (UTF-8 with or without a
 * BOM, or GB18030 — what Excel on a Chinese Windows saves). Finds the header row below any title rows by its cells
 * (Chinese headers or keys), ignores the 序号 column, skips blank lines and the 合计 line. Anything unreadable is a 400.
 */
final class LedgerFiles {

    /** The header must lie within the first rows, and name at least this many columns. */
    private static final int HEADER_SEARCH_ROWS = 30;
    private static final int HEADER_MIN_COLUMNS = 3;
    private static final Set<String> TOTAL_LINES = Set.of("合计", "总计", "小计");
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();
    private static final Charset GB18030 = Charset.forName("GB18030");

    private LedgerFiles() {
    }

    static LedgerSheet read(String fileName, byte[] bytes) {
        List<RawRow> rows = isZip(bytes) ? xlsxRows(bytes) : csvRows(bytes);
        return sheet(fileName, rows);
    }

    /** A row as the file has it: its number as the spreadsheet shows it, and its cells by column index. */
    private record RawRow(int row, Map<Integer, String> cells) {
    }

    private static LedgerSheet sheet(String fileName, List<RawRow> rows) {
        for (int i = 0; i < Math.min(rows.size(), HEADER_SEARCH_ROWS); i++) {
            Map<Integer, LedgerColumn> columns = new HashMap<>();
            List<String> ignored = new ArrayList<>();
            rows.get(i).cells().forEach((index, text) -> {
                if (text.isBlank() || LedgerColumn.isRowNumberHeader(text)) {
                    return;
                }
                LedgerColumn.byHeader(text).filter(column -> !columns.containsValue(column))
                        .ifPresentOrElse(column -> columns.put(index, column), () -> ignored.add(text.strip()));
            });
            if (columns.size() >= HEADER_MIN_COLUMNS) {
                return new LedgerSheet(fileName, lines(rows.subList(i + 1, rows.size()), columns), List.copyOf(ignored));
            }
        }
        throw unreadable(Phrase.of("ledger.no-header",
                "No header row found: the ledger needs a row naming its columns (项目名称, 签约日期, … or their keys)"));
    }

    private static List<LedgerSheet.Line> lines(List<RawRow> rows, Map<Integer, LedgerColumn> columns) {
        List<LedgerSheet.Line> lines = new ArrayList<>();
        for (RawRow row : rows) {
            boolean total = row.cells().values().stream().map(String::strip).filter(text -> !text.isEmpty())
                    .findFirst().map(TOTAL_LINES::contains).orElse(false);
            Map<LedgerColumn, String> cells = new EnumMap<>(LedgerColumn.class);
            row.cells().forEach((index, text) -> {
                LedgerColumn column = columns.get(index);
                if (column != null && !text.isBlank()) {
                    cells.put(column, text.strip());
                }
            });
            if (!total && !cells.isEmpty()) {
                lines.add(new LedgerSheet.Line(row.row(), cells));
            }
        }
        return lines;
    }

    private static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    private static List<RawRow> csvRows(byte[] bytes) {
        String text = decode(bytes);
        List<RawRow> rows = new ArrayList<>();
        try (MappingIterator<String[]> records = CSV.readerFor(String[].class).readValues(text)) {
            int row = 0;
            while (records.hasNextValue()) {
                String[] record = records.nextValue();
                row++;
                Map<Integer, String> cells = new HashMap<>();
                for (int i = 0; i < record.length; i++) {
                    cells.put(i, record[i]);
                }
                rows.add(new RawRow(row, cells));
            }
        } catch (JacksonException broken) {
            throw unreadable(Phrase.of("ledger.unreadable-csv", "The file is not a readable CSV file"));
        }
        return rows;
    }

    /** UTF-8 when it is (a BOM says so, or the bytes decode), else GB18030; anything else is refused. */
    private static String decode(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            bytes = Arrays.copyOfRange(bytes, 3, bytes.length);
        }
        try {
            return InputRules.decodeUtf8(bytes);
        } catch (CharacterCodingException notUtf8) {
            try {
                return GB18030.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException neither) {
                throw unreadable(Phrase.of("ledger.encoding",
                        "The CSV file is neither UTF-8 nor GB18030 text"));
            }
        }
    }

    private static List<RawRow> xlsxRows(byte[] bytes) {
        List<RawRow> rows = new ArrayList<>();
        try (OPCPackage xlsx = OPCPackage.open(new ByteArrayInputStream(bytes))) {
            XSSFReader reader = new XSSFReader(xlsx);
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            if (!sheets.hasNext()) {
                throw unreadable(Phrase.of("ledger.unreadable-xlsx", "The file is not a readable xlsx workbook"));
            }
            try (InputStream first = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), reader.getSharedStringsTable(),
                        new RowCollector(rows), new LedgerCellFormatter(), false));
                parser.parse(new InputSource(first));
            }
        } catch (ProblemException problem) {
            throw problem;
        } catch (Exception | LinkageError broken) {
            throw unreadable(Phrase.of("ledger.unreadable-xlsx", "The file is not a readable xlsx workbook"));
        }
        return rows;
    }

    private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final List<RawRow> rows;
        private Map<Integer, String> cells;

        RowCollector(List<RawRow> rows) {
            this.rows = rows;
        }

        @Override
        public void startRow(int rowNum) {
            cells = new HashMap<>();
        }

        @Override
        public void endRow(int rowNum) {
            rows.add(new RawRow(rowNum + 1, cells));
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            if (reference != null && formattedValue != null) {
                cells.put(new org.apache.poi.ss.util.CellReference(reference).getCol() & 0xFFFF, formattedValue);
            }
        }
    }

    /**
     * Number cells as the ledger reads them: a date-formatted cell as {@code YYYY-MM-DD}, any other number as its
     * plain decimal (no grouping, no rounding to the displayed decimals).
     */
    private static final class LedgerCellFormatter extends DataFormatter {

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, use1904).toLocalDate().toString();
            }
            return plain(value);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return formatRawCellContents(value, formatIndex, formatString, false);
        }

        private static String plain(double value) {
            BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
            return (decimal.scale() < 0 ? decimal.setScale(0) : decimal).toPlainString();
        }
    }

    static ProblemException unreadable(Phrase why) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "ledger-unreadable", "Unreadable ledger", why);
    }
}
