package cn.pipelinetracker.command.ledger;

import cn.pipelinetracker.platform.ledger.LedgerColumn;

import java.util.List;
import java.util.Map;

/**
 * A ledger file as read: its data lines (title rows, the header, blank lines and the 合计 line left out), each cell of a
 * known column as text, and the header cells of columns it does not know.
 *
 * @param fileName       as uploaded; named in every command's reason
 * @param lines          the data lines in file order
 * @param ignoredColumns headers of columns the ledger does not have, as written in the file
 */
record LedgerSheet(String fileName, List<Line> lines, List<String> ignoredColumns) {

    /**
     * One data line.
     *
     * @param row   the line number as the spreadsheet shows it (title rows included), counting from 1
     * @param cells the non-blank cells of known columns, stripped
     */
    record Line(int row, Map<LedgerColumn, String> cells) {
    }
}
