package cn.pipelinetracker.command.ledger;

import cn.pipelinetracker.platform.ledger.LedgerColumn;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;

/**
 * An import's final report as an xlsx sheet: its counts, then one line per problem (row as the spreadsheet shows it,
 * the column's Chinese header, the problem), so that a clerk can mend the ledger row by row. Streamed: an import of
 * 200 000 rows may have as many problems.
 */
final class LedgerImportReport {

    /** The words of the report, in the reader's language. */
    record Labels(String sheet, String file, String status, String rows, String applied, String unchanged,
                  String failed, String row, String column, String problem) {
    }

    private LedgerImportReport() {
    }

    static void write(OutputStream out, LedgerImportJobs.Job job, Labels labels,
                      Function<LedgerImportJobs.StoredProblem, String> message) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            workbook.setCompressTempFiles(true);
            SXSSFSheet sheet = workbook.createSheet(labels.sheet());
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            int next = 0;
            for (Object[] line : List.of(new Object[]{labels.file(), job.fileName()},
                    new Object[]{labels.status(), job.status().name()}, new Object[]{labels.rows(), job.rows()},
                    new Object[]{labels.applied(), job.applied()}, new Object[]{labels.unchanged(), job.unchanged()},
                    new Object[]{labels.failed(), job.failed()})) {
                Row row = sheet.createRow(next++);
                row.createCell(0).setCellValue((String) line[0]);
                row.getCell(0).setCellStyle(bold);
                if (line[1] instanceof Integer count) {
                    row.createCell(1).setCellValue(count);
                } else {
                    row.createCell(1).setCellValue(String.valueOf(line[1]));
                }
            }
            next++;
            Row header = sheet.createRow(next++);
            List<String> headings = List.of(labels.row(), labels.column(), labels.problem());
            for (int i = 0; i < headings.size(); i++) {
                header.createCell(i).setCellValue(headings.get(i));
                header.getCell(i).setCellStyle(bold);
            }
            sheet.createFreezePane(0, next);
            for (LedgerImportJobs.StoredProblem problem : job.problems()) {
                Row row = sheet.createRow(next++);
                row.createCell(0).setCellValue(problem.row());
                if (problem.column() != null) {
                    row.createCell(1).setCellValue(LedgerColumn.byHeader(problem.column())
                            .map(LedgerColumn::header).orElse(problem.column()));
                }
                row.createCell(2).setCellValue(message.apply(problem));
            }
            sheet.setColumnWidth(0, 256 * 16);
            sheet.setColumnWidth(1, 256 * 22);
            sheet.setColumnWidth(2, 256 * 90);
            workbook.write(out);
        }
    }
}
