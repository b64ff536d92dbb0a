package cn.pipelinetracker.query.ledger;

import cn.pipelinetracker.platform.ledger.LedgerColumn;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * The ledger as an xlsx workbook, written with Apache POI's streaming {@link SXSSFWorkbook}: only a window of rows is
 * in memory, the rest goes to a temporary file until the workbook is written out. Chinese header on the first row,
 * frozen; dates are date cells, amounts numbers in 万元 shown with their decimals.
 */
final class LedgerXlsx implements AutoCloseable {

    /** Rows of one sheet below its header row. */
    static final int MAX_ROWS = 1_048_575;
    private static final int ROWS_IN_MEMORY = 200;
    /** Excel keeps 15 significant digits of a number; an amount with more goes in as text, exact. */
    private static final int EXACT_DIGITS = 15;

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
    private final SXSSFSheet sheet;
    private final Map<LedgerColumn.Kind, CellStyle> styles = new EnumMap<>(LedgerColumn.Kind.class);
    private int next = 1;

    LedgerXlsx() {
        workbook.setCompressTempFiles(true);
        sheet = workbook.createSheet("台账");
        styles.put(LedgerColumn.Kind.DATE, format("yyyy-mm-dd"));
        styles.put(LedgerColumn.Kind.AMOUNT_WAN, format("#,##0.00####"));
        styles.put(LedgerColumn.Kind.PERCENT, format("0.00"));
        styles.put(LedgerColumn.Kind.WHOLE_NUMBER, format("0"));
        CellStyle bold = workbook.createCellStyle();
        Font font = workbook.createFont();
        font.setBold(true);
        bold.setFont(font);
        Row header = sheet.createRow(0);
        for (LedgerColumn column : LedgerColumn.values()) {
            Cell cell = header.createCell(column.ordinal());
            cell.setCellValue(column.header());
            cell.setCellStyle(bold);
            sheet.setColumnWidth(column.ordinal(), 256 * width(column));
        }
        sheet.createFreezePane(0, 1);
    }

    private CellStyle format(String pattern) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(pattern));
        return style;
    }

    /** Characters of width: names and ids wide, dates and small numbers narrow (a header of CJK counts double). */
    private static int width(LedgerColumn column) {
        return switch (column) {
            case PROJECT_ID -> 38;
            case NAME, INVESTOR -> 36;
            case PROJECT_CODE, REGION_NAME, INDUSTRY_NAME -> 22;
            default -> switch (column.kind()) {
                case DATE -> 12;
                case AMOUNT_WAN -> 20;
                case PERCENT -> 14;
                case WHOLE_NUMBER -> 8;
                case TEXT -> 14;
            };
        };
    }

    void write(LedgerRows.Row values) {
        Row row = sheet.createRow(next++);
        for (LedgerColumn column : LedgerColumn.values()) {
            Object value = values.get(column);
            if (value == null) {
                continue;
            }
            Cell cell = row.createCell(column.ordinal());
            if (value instanceof LocalDate date) {
                cell.setCellValue(date);
            } else if (value instanceof BigDecimal number && number.precision() <= EXACT_DIGITS) {
                cell.setCellValue(number.doubleValue());
            } else if (value instanceof Long number) {
                cell.setCellValue(number);
            } else {
                cell.setCellValue(value instanceof BigDecimal number ? number.toPlainString() : value.toString());
                continue;
            }
            cell.setCellStyle(styles.get(column.kind()));
        }
    }

    void writeTo(OutputStream out) throws IOException {
        workbook.write(out);
    }

    @Override
    public void close() throws IOException {
        workbook.close(); // also deletes the temporary file
    }
}
