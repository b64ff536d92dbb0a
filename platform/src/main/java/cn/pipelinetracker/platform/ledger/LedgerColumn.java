package cn.pipelinetracker.platform.ledger;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns of the ledger (台账), in the order the export writes them: the contract's key and Chinese header of each,
 * and what kind of value it holds. Export and import share this one list.
 */
public enum LedgerColumn {
    PROJECT_ID("projectId", "系统编号", Kind.TEXT),
    PROJECT_CODE("projectCode", "项目代码", Kind.TEXT),
    NAME("name", "项目名称", Kind.TEXT),
    INVESTOR("investor", "投资方", Kind.TEXT),
    REGION_CODE("regionCode", "区域代码", Kind.TEXT),
    REGION_NAME("regionName", "所在区域", Kind.TEXT),
    INDUSTRY("industry", "行业代码", Kind.TEXT),
    INDUSTRY_NAME("industryName", "行业", Kind.TEXT),
    PLANNED_INVESTMENT_WAN("plannedInvestmentWan", "计划总投资（万元）", Kind.AMOUNT_WAN),
    SOURCE_REGION("sourceRegion", "项目来源地", Kind.TEXT),
    REGISTERED_ON("registeredOn", "入库日期", Kind.DATE),
    SIGNED_ON("signedOn", "签约日期", Kind.DATE),
    CONSTRUCTION_STARTED_ON("constructionStartedOn", "开工日期", Kind.DATE),
    CONSTRUCTION_COMPLETED_ON("constructionCompletedOn", "竣工日期", Kind.DATE),
    PRODUCTION_STARTED_ON("productionStartedOn", "投产日期", Kind.DATE),
    PRODUCTION_SCOPE("productionScope", "投产范围", Kind.TEXT),
    COMPLETED_INVESTMENT_WAN("completedInvestmentWan", "累计完成投资（万元）", Kind.AMOUNT_WAN),
    CONSTRUCTION_PROGRESS_PERCENT("constructionProgressPercent", "形象进度（%）", Kind.PERCENT),
    FUNDS_IN_PLACE_WAN("fundsInPlaceWan", "到位资金（万元）", Kind.AMOUNT_WAN),
    PROGRESS_AS_OF("progressAsOf", "进度截至", Kind.DATE),
    STAGE("stage", "阶段", Kind.TEXT),
    STATUS("status", "状态", Kind.TEXT),
    VERSION("version", "版本", Kind.WHOLE_NUMBER);

    /** What a column's cells hold. */
    public enum Kind {
        TEXT, DATE, AMOUNT_WAN, PERCENT, WHOLE_NUMBER
    }

    /** The header of the row-number column of ledgers kept by hand: known, and ignored. */
    public static final String ROW_NUMBER_HEADER = "序号";

    private static final Map<String, LedgerColumn> BY_HEADER_OR_KEY = Arrays.stream(values())
            .flatMap(column -> java.util.stream.Stream.of(
                    Map.entry(normalized(column.header), column), Map.entry(normalized(column.key), column)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    private static final Map<String, LedgerColumn> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(LedgerColumn::key, Function.identity()));

    private final String key;
    private final String header;
    private final Kind kind;

    LedgerColumn(String key, String header, Kind kind) {
        this.key = key;
        this.header = header;
        this.kind = kind;
    }

    public String key() {
        return key;
    }

    public String header() {
        return header;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The column a header cell names: its Chinese header or its key, ignoring spaces, the width of brackets and the
     * case of keys ({@code 计划总投资(万元)} is {@code 计划总投资（万元）}).
     */
    public static Optional<LedgerColumn> byHeader(String cell) {
        return Optional.ofNullable(BY_HEADER_OR_KEY.get(normalized(cell)));
    }

    public static Optional<LedgerColumn> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    public static boolean isRowNumberHeader(String cell) {
        return normalized(cell).equals(ROW_NUMBER_HEADER);
    }

    private static String normalized(String cell) {
        return cell.replaceAll("[\\s\\u3000]", "").replace('（', '(').replace('）', ')').toLowerCase(Locale.ROOT);
    }
}
