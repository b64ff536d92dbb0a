package cn.pipelinetracker.query.ledger;

import cn.pipelinetracker.platform.ledger.LedgerColumn;
import cn.pipelinetracker.platform.reference.Industry;
import cn.pipelinetracker.platform.reference.Region;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An empty ledger to start from: the columns an import reads (those the export alone writes left out), one example row,
 * and drop-down lists for the region and industry columns (codes and names, from a second sheet, since a list typed
 * into a validation may hold at most 255 characters) and for the production scope. Small, so written with POI's
 * ordinary workbook.
 */
final class LedgerTemplate {

    /** The columns of the template: what an import reads. */
    static final List<LedgerColumn> COLUMNS = Arrays.stream(LedgerColumn.values())
            .filter(column -> !List.of(LedgerColumn.PROJECT_ID, LedgerColumn.STAGE, LedgerColumn.STATUS,
                    LedgerColumn.VERSION).contains(column))
            .toList();
    /** Rows below the header that carry the drop-down lists. */
    static final int ROWS_WITH_LISTS = 5_000;
    static final String CODES_SHEET = "代码表";

    private LedgerTemplate() {
    }

    /**
     * Writes the template for a reader whose subtree is {@code regions}: the example row takes one of them, so that it
     * passes the import's checks as it stands (imported, it registers a project whose name says it is an example).
     */
    static void write(OutputStream out, List<Region> regions, List<Industry> industries, LocalDate today)
            throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet ledger = workbook.createSheet("台账");
            Sheet codes = workbook.createSheet(CODES_SHEET);
            writeCodes(codes, regions, industries);

            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle amount = workbook.createCellStyle();
            amount.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00####"));

            Row header = ledger.createRow(0);
            for (int i = 0; i < COLUMNS.size(); i++) {
                Cell cell = header.createCell(i);
                cell.setCellValue(COLUMNS.get(i).header());
                cell.setCellStyle(bold);
                ledger.setColumnWidth(i, 256 * Math.max(12, COLUMNS.get(i).header().length() * 2 + 2));
            }
            ledger.createFreezePane(0, 1);

            Region region = regions.get(regions.size() - 1);
            Industry industry = industries.get(0);
            Map<LedgerColumn, Object> example = Map.of(
                    LedgerColumn.NAME, "示例：新材料生产基地项目（导入前请删除本行）",
                    LedgerColumn.INVESTOR, "示例投资有限公司",
                    LedgerColumn.REGION_CODE, region.code(),
                    LedgerColumn.REGION_NAME, region.nameZh(),
                    LedgerColumn.INDUSTRY, industry.code(),
                    LedgerColumn.INDUSTRY_NAME, industry.nameZh(),
                    LedgerColumn.PLANNED_INVESTMENT_WAN, new BigDecimal("50000"),
                    LedgerColumn.SIGNED_ON, today);
            Row row = ledger.createRow(1);
            for (int i = 0; i < COLUMNS.size(); i++) {
                Object value = example.get(COLUMNS.get(i));
                if (value instanceof LocalDate day) {
                    Cell cell = row.createCell(i);
                    cell.setCellValue(day);
                    cell.setCellStyle(date);
                } else if (value instanceof BigDecimal number) {
                    Cell cell = row.createCell(i);
                    cell.setCellValue(number.doubleValue());
                    cell.setCellStyle(amount);
                } else if (value instanceof String text && !text.isEmpty()) {
                    row.createCell(i).setCellValue(text);
                }
            }

            DataValidationHelper validations = ledger.getDataValidationHelper();
            listFrom(ledger, validations, LedgerColumn.REGION_CODE, "$A$2:$A$" + (regions.size() + 1));
            listFrom(ledger, validations, LedgerColumn.REGION_NAME, "$B$2:$B$" + (regions.size() + 1));
            listFrom(ledger, validations, LedgerColumn.INDUSTRY, "$D$2:$D$" + (industries.size() + 1));
            listFrom(ledger, validations, LedgerColumn.INDUSTRY_NAME, "$E$2:$E$" + (industries.size() + 1));
            add(ledger, validations, validations.createExplicitListConstraint(new String[]{"部分", "全部"}),
                    LedgerColumn.PRODUCTION_SCOPE);
            workbook.write(out);
        }
    }

    private static void writeCodes(Sheet codes, List<Region> regions, List<Industry> industries) {
        Row header = codes.createRow(0);
        header.createCell(0).setCellValue(LedgerColumn.REGION_CODE.header());
        header.createCell(1).setCellValue(LedgerColumn.REGION_NAME.header());
        header.createCell(3).setCellValue(LedgerColumn.INDUSTRY.header());
        header.createCell(4).setCellValue(LedgerColumn.INDUSTRY_NAME.header());
        for (int i = 0; i < Math.max(regions.size(), industries.size()); i++) {
            Row row = codes.createRow(i + 1);
            if (i < regions.size()) {
                row.createCell(0).setCellValue(regions.get(i).code());
                row.createCell(1).setCellValue(regions.get(i).nameZh());
            }
            if (i < industries.size()) {
                row.createCell(3).setCellValue(industries.get(i).code());
                row.createCell(4).setCellValue(industries.get(i).nameZh());
            }
        }
        codes.setColumnWidth(0, 256 * 12);
        codes.setColumnWidth(1, 256 * 30);
        codes.setColumnWidth(3, 256 * 10);
        codes.setColumnWidth(4, 256 * 30);
    }

    private static void listFrom(Sheet ledger, DataValidationHelper validations, LedgerColumn column, String range) {
        add(ledger, validations, validations.createFormulaListConstraint("'" + CODES_SHEET + "'!" + range), column);
    }

    private static void add(Sheet ledger, DataValidationHelper validations,
                            DataValidationConstraint constraint, LedgerColumn column) {
        int index = COLUMNS.indexOf(column);
        DataValidation validation = validations.createValidation(constraint,
                new CellRangeAddressList(1, ROWS_WITH_LISTS, index, index));
        validation.setShowErrorBox(true);
        ledger.addValidationData(validation);
    }
}
