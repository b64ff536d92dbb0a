package cn.pipelinetracker.query.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A period read from totals kept per month and per day (Aggregates): its whole months from the month table, the days
 * before and after them from the day table, so that a year reads 12 rows per key instead of 366.
 */
final class PeriodTotals {

    /** The rows of {@code table} whose {@code dateColumn} lies from {@code from} to {@code to}, as a {@code SELECT}. */
    interface Rows {
        String select(String table, String dateColumn, LocalDate from, LocalDate to);
    }

    private PeriodTotals() {
    }

    /** The {@code SELECT}s that together read the period from {@code from} to {@code to}, both inclusive. */
    static List<String> parts(LocalDate from, LocalDate to, String monthTable, String dayTable, String dayColumn,
                              Rows rows) {
        LocalDate firstWholeMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate afterWholeMonths = to.plusDays(1).withDayOfMonth(1);
        List<String> parts = new ArrayList<>();
        if (firstWholeMonth.isBefore(afterWholeMonths)) {
            parts.add(rows.select(monthTable, "month", firstWholeMonth, afterWholeMonths.minusMonths(1)));
            if (from.isBefore(firstWholeMonth)) {
                parts.add(rows.select(dayTable, dayColumn, from, firstWholeMonth.minusDays(1)));
            }
            if (!to.isBefore(afterWholeMonths)) {
                parts.add(rows.select(dayTable, dayColumn, afterWholeMonths, to));
            }
        } else {
            parts.add(rows.select(dayTable, dayColumn, from, to));
        }
        return parts;
    }
}
