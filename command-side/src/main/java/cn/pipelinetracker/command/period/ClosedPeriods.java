package cn.pipelinetracker.command.period;

import cn.pipelinetracker.command.handling.CommandRefusal;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.reference.Region;
import cn.pipelinetracker.platform.reference.RegionTree;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The closed months of the region subtrees ({@code closed_period}), read and written in the command's transaction. */
@Repository
public class ClosedPeriods {

    /** A closed month of a region subtree. */
    public record ClosedPeriod(String regionCode, YearMonth month) {

        public String periodId() {
            return regionCode + ":" + month;
        }
    }

    private final JdbcClient jdbc;
    private final RegionTree regions;
    private final Object readKey = new Object();

    public ClosedPeriods(JdbcClient jdbc, RegionTree regions) {
        this.jdbc = jdbc;
        this.regions = regions;
    }

    void close(String regionCode, YearMonth month, String actor) {
        readInTransaction().clear();
        jdbc.sql("LOCK TABLE closed_period IN EXCLUSIVE MODE").update();
        int inserted = jdbc.sql("INSERT INTO closed_period (region_code, month, closed_by) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING").params(regionCode, month.toString(), actor).update();
        if (inserted == 0) {
            throw alreadyClosed(regionCode + ":" + month);
        }
    }

    void reopen(String regionCode, YearMonth month) {
        readInTransaction().clear();
        int deleted = jdbc.sql("DELETE FROM closed_period WHERE region_code = ? AND month = ?")
                .params(regionCode, month.toString()).update();
        if (deleted == 0) {
            throw notClosed(regionCode + ":" + month);
        }
    }

    /**
     * The closed months that cover a project of {@code regionCode}: closed for its region or one above it. Read once
     * per region and transaction: the lock taken with the first read keeps others from closing or reopening a month
     * until the transaction ends (a batch of commands asks for the same few regions many times).
     */
    List<ClosedPeriod> covering(String regionCode) {
        return readInTransaction().computeIfAbsent(regionCode, this::read);
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<ClosedPeriod>> readInTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HashMap<>();
        }
        Object read = TransactionSynchronizationManager.getResource(readKey);
        if (read == null) {
            read = new HashMap<String, List<ClosedPeriod>>();
            TransactionSynchronizationManager.bindResource(readKey, read);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(readKey);
                }
            });
        }
        return (Map<String, List<ClosedPeriod>>) read;
    }

    private List<ClosedPeriod> read(String regionCode) {
        List<String> regionAndAbove = new ArrayList<>();
        for (String code = regionCode; code != null;
             code = regions.find(code).map(Region::parentCode).orElse(null)) {
            regionAndAbove.add(code);
        }
        jdbc.sql("LOCK TABLE closed_period IN ROW SHARE MODE").update();
        return jdbc.sql("SELECT region_code, month FROM closed_period WHERE region_code = ANY (?)")
                .param(regionAndAbove.toArray(String[]::new))
                .query((rs, row) -> new ClosedPeriod(rs.getString(1), YearMonth.parse(rs.getString(2))))
                .list();
    }

    /** Refuses a command whose dates lie in one of the {@code closed} months. */
    static void requireOpen(List<ClosedPeriod> closed, Collection<LocalDate> dates) {
        for (LocalDate date : dates) {
            for (ClosedPeriod period : closed) {
                if (date != null && YearMonth.from(date).equals(period.month())) {
                    throw new CommandRefusal(CommandRefusal.Kind.CONFLICT, "period-closed", null,
                            Phrase.of("refusal.period-closed", "The month " + period.month() + " is closed for region "
                                    + period.regionCode() + " (period " + period.periodId() + "): a date in it ("
                                    + date + ") cannot be added, moved or taken out until it is reopened",
                                    period.month().toString(), period.regionCode(), period.periodId(),
                                    date.toString()));
                }
            }
        }
    }

    static CommandRefusal alreadyClosed(String periodId) {
        return new CommandRefusal(CommandRefusal.Kind.CONFLICT, "period-already-closed", null,
                Phrase.of("refusal.period-already-closed", "Period " + periodId + " is closed already", periodId));
    }

    static CommandRefusal notClosed(String periodId) {
        return new CommandRefusal(CommandRefusal.Kind.CONFLICT, "period-not-closed", null,
                Phrase.of("refusal.period-not-closed", "Period " + periodId + " is not closed", periodId));
    }
}
