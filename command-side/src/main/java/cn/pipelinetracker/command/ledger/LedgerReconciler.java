package cn.pipelinetracker.command.ledger;

import cn.pipelinetracker.command.project.CompleteConstructionCommand;
import cn.pipelinetracker.command.project.CorrectDetailsCommand;
import cn.pipelinetracker.command.project.CorrectMilestoneCommand;
import cn.pipelinetracker.command.project.RegisterProjectCommand;
import cn.pipelinetracker.command.project.ReportProgressCommand;
import cn.pipelinetracker.command.project.ReviseInvestmentCommand;
import cn.pipelinetracker.command.project.SignProjectCommand;
import cn.pipelinetracker.command.project.StartConstructionCommand;
import cn.pipelinetracker.command.project.StartProductionCommand;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.ProductionScope;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.ledger.LedgerAmounts;
import cn.pipelinetracker.platform.ledger.LedgerColumn;
import cn.pipelinetracker.platform.reference.Industry;
import cn.pipelinetracker.platform.reference.IndustryList;
import cn.pipelinetracker.platform.reference.Region;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.web.InputRules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out, for one ledger line, the commands that bring its project to the line's state (contract, "The ledger"):
 * a registration for a new project, then each milestone filled in and not reached yet, in order; a revision when the
 * planned amount differs; a progress report when a progress column differs. A milestone recorded with another date is
 * a problem, or a correction when corrections are asked for. It checks what it can know without storing anything —
 * every value (through {@link InputRules}), required columns, references, the user's region, dates in the future,
 * the {@code version} guard — so that a dry run shows them; the command layer still checks every rule when applied.
 */
final class LedgerReconciler {

    /** A problem of a line: its row, the column's key (null for the row as a whole), and what is wrong. */
    record Problem(int row, String column, Phrase message) {
    }

    /**
     * What to do with one line.
     *
     * @param projectId the project the line names or matched; for a new project the id it will be registered under
     * @param isNew     whether the line registers a project
     * @param actions   the commands by their path segment ({@code register}, {@code sign}…), in order
     * @param commands  the commands themselves, in the same order
     */
    record Plan(int row, String projectId, boolean isNew, String projectCode, List<String> actions,
                List<Object> commands, List<Problem> problems, LedgerMatches.NameKey nameKey) {

        boolean unchanged() {
            return problems.isEmpty() && commands.isEmpty();
        }

        boolean changes() {
            return problems.isEmpty() && !commands.isEmpty();
        }
    }

    /** Everything a line is judged against besides the project itself. */
    record Context(String fileName, Set<String> actorSubtree, boolean corrections, LocalDate today) {
    }

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PROJECT_CODE = Pattern.compile("[0-9A-Za-z-]{1,64}");
    private static final Pattern SLASHED_DATE = Pattern.compile("(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})");
    private static final List<LedgerColumn> PROGRESS = List.of(LedgerColumn.COMPLETED_INVESTMENT_WAN,
            LedgerColumn.CONSTRUCTION_PROGRESS_PERCENT);
    private static final Map<Milestone, LedgerColumn> MILESTONE_COLUMNS = new EnumMap<>(Map.of(
            Milestone.REGISTERED, LedgerColumn.REGISTERED_ON,
            Milestone.SIGNED, LedgerColumn.SIGNED_ON,
            Milestone.CONSTRUCTION_STARTED, LedgerColumn.CONSTRUCTION_STARTED_ON,
            Milestone.CONSTRUCTION_COMPLETED, LedgerColumn.CONSTRUCTION_COMPLETED_ON,
            Milestone.PRODUCTION_STARTED, LedgerColumn.PRODUCTION_STARTED_ON));

    private final RegionTree regions;
    private final IndustryList industries;

    LedgerReconciler(RegionTree regions, IndustryList industries) {
        this.regions = regions;
        this.industries = industries;
    }

    /** A line's values, read and checked: each known column's value, typed, or a problem naming it. */
    final class Values {

        final int row;
        final Map<LedgerColumn, Object> values = new EnumMap<>(LedgerColumn.class);
        final List<Problem> problems = new ArrayList<>();

        Values(LedgerSheet.Line line, LocalDate today) {
            this.row = line.row();
            line.cells().forEach((column, text) -> {
                Phrase textProblem = InputRules.textProblem(text);
                if (textProblem != null) {
                    problem(column, textProblem);
                    return;
                }
                try {
                    values.put(column, parse(column, text, today));
                } catch (InputRules.InputRuleException wrong) {
                    problem(column, wrong.problem());
                }
            });
            if (!values.containsKey(LedgerColumn.REGION_CODE) && values.containsKey(LedgerColumn.REGION_NAME)) {
                values.put(LedgerColumn.REGION_CODE, values.get(LedgerColumn.REGION_NAME));
            }
            if (!values.containsKey(LedgerColumn.INDUSTRY) && values.containsKey(LedgerColumn.INDUSTRY_NAME)) {
                values.put(LedgerColumn.INDUSTRY, values.get(LedgerColumn.INDUSTRY_NAME));
            }
        }

        @SuppressWarnings("unchecked")
        <T> T get(LedgerColumn column) {
            return (T) values.get(column);
        }

        void problem(LedgerColumn column, Phrase message) {
            problems.add(new Problem(row, column == null ? null : column.key(), message));
        }
    }

    Values values(LedgerSheet.Line line, LocalDate today) {
        return new Values(line, today);
    }

    private Object parse(LedgerColumn column, String text, LocalDate today) {
        return switch (column) {
            case PROJECT_ID -> {
                if (!UUID_TEXT.matcher(text).matches()) {
                    throw rule("ledger.project-id", "must be a project id (a UUID) from an export");
                }
                yield text.toLowerCase();
            }
            case PROJECT_CODE -> {
                if (!PROJECT_CODE.matcher(text).matches()) {
                    throw rule("ledger.project-code", "may contain letters, digits and '-' only (at most 64)");
                }
                yield text;
            }
            case NAME, INVESTOR -> limited(text, 200);
            case SOURCE_REGION -> limited(text, 100);
            case REGION_CODE -> {
                if (!regions.contains(text)) {
                    throw rule("ledger.unknown-region", "unknown region code " + text, text);
                }
                yield text;
            }
            case REGION_NAME -> {
                List<Region> named = regions.all().stream().filter(region -> region.nameZh().equals(text)).toList();
                if (named.size() != 1) {
                    throw rule("ledger.region-name", "names no single region: give its code (区域代码)", text);
                }
                yield named.get(0).code();
            }
            case INDUSTRY -> {
                if (!industries.contains(text)) {
                    throw rule("ledger.unknown-industry", "unknown industry " + text, text);
                }
                yield text;
            }
            case INDUSTRY_NAME -> industries.all().stream().filter(industry -> industry.nameZh().equals(text))
                    .map(Industry::code).findFirst()
                    .orElseThrow(() -> rule("ledger.industry-name", "names no industry: give its code (行业代码)", text));
            case PRODUCTION_SCOPE -> switch (text.toUpperCase()) {
                case "部分", "PARTIAL" -> ProductionScope.PARTIAL;
                case "全部", "FULL" -> ProductionScope.FULL;
                default -> throw rule("ledger.production-scope", "must be 部分 or 全部 (PARTIAL or FULL)");
            };
            case PLANNED_INVESTMENT_WAN, COMPLETED_INVESTMENT_WAN, FUNDS_IN_PLACE_WAN -> yuan(text);
            case CONSTRUCTION_PROGRESS_PERCENT -> percent(text);
            case VERSION -> {
                try {
                    long version = Long.parseLong(text.contains(".") ? new BigDecimal(text).toBigIntegerExact()
                            .toString() : text);
                    if (version < 1) {
                        throw new NumberFormatException();
                    }
                    yield version;
                } catch (NumberFormatException | ArithmeticException notAVersion) {
                    throw rule("ledger.version", "must be a version (a whole number from 1) from an export");
                }
            }
            case REGISTERED_ON, SIGNED_ON, CONSTRUCTION_STARTED_ON, CONSTRUCTION_COMPLETED_ON, PRODUCTION_STARTED_ON,
                 PROGRESS_AS_OF -> date(column, text, today);
            case STAGE, STATUS -> text; // export only: read, never used
        };
    }

    private static String limited(String text, int max) {
        if (text.codePointCount(0, text.length()) > max) {
            throw rule("ledger.too-long", "must be at most " + max + " characters", max);
        }
        return text;
    }

    private static LocalDate date(LedgerColumn column, String text, LocalDate today) {
        Matcher slashed = SLASHED_DATE.matcher(text);
        String iso = slashed.matches() ? "%s-%02d-%02d".formatted(slashed.group(1),
                Integer.parseInt(slashed.group(2)), Integer.parseInt(slashed.group(3))) : text;
        LocalDate date = InputRules.parseDate(iso);
        if (date.isAfter(today)) {
            throw new InputRules.InputRuleException(Phrase.of("rule.no-future-dates",
                    column.key() + " " + date + " is in the future (today is " + today + ")",
                    column.key(), date.toString(), today.toString()));
        }
        return date;
    }

    private static BigDecimal yuan(String text) {
        BigDecimal wan = decimal(text);
        if (wan.signum() < 0 || wan.stripTrailingZeros().scale() > LedgerAmounts.MAX_WAN_DECIMALS) {
            throw rule("ledger.amount-wan", "must be an amount of 万元, not negative, with at most 6 decimals");
        }
        return LedgerAmounts.yuanOf(wan);
    }

    private static BigDecimal percent(String text) {
        BigDecimal percent = LedgerAmounts.plain(decimal(text.endsWith("%") ? text.substring(0, text.length() - 1)
                : text));
        if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0 || percent.scale() > 2) {
            throw rule("ledger.percent", "must be a percentage from 0 to 100 with at most 2 decimals");
        }
        return percent;
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text.replace(",", "").replace("，", ""));
        } catch (NumberFormatException notANumber) {
            throw rule("field.number", "must be a number");
        }
    }

    private static InputRules.InputRuleException rule(String key, String english, Object... args) {
        return new InputRules.InputRuleException(Phrase.of(key, english, args));
    }

    /**
     * The plan of a line whose values are read: against {@code current} (null for a project not known yet; then
     * {@code knownId} is the id a line named that matched nothing, a problem).
     */
    Plan plan(Values line, ProjectState current, String unknownId, Context context) {
        String code = line.get(LedgerColumn.PROJECT_CODE);
        LedgerMatches.NameKey nameKey = LedgerMatches.NameKey.of(line.get(LedgerColumn.REGION_CODE),
                line.get(LedgerColumn.NAME), line.get(LedgerColumn.INVESTOR));
        if (unknownId != null) {
            line.problem(LedgerColumn.PROJECT_ID, Phrase.of("refusal.project-not-found",
                    "No project with id " + unknownId, unknownId));
        }
        if (!line.problems.isEmpty()) {
            return new Plan(line.row, current == null ? null : current.projectId, current == null, code, List.of(),
                    List.of(), List.copyOf(line.problems), nameKey);
        }
        return current == null ? registration(line, code, nameKey, context)
                : changes(line, current, code, context);
    }

    private Plan registration(Values line, String code, LedgerMatches.NameKey nameKey, Context context) {
        for (LedgerColumn required : List.of(LedgerColumn.NAME, LedgerColumn.INVESTOR, LedgerColumn.REGION_CODE,
                LedgerColumn.INDUSTRY, LedgerColumn.PLANNED_INVESTMENT_WAN)) {
            if (line.get(required) == null) {
                line.problem(required, Phrase.of("ledger.required-for-new",
                        "is required for a new project (a line without 系统编号 or a known 项目代码)"));
            }
        }
        String regionCode = line.get(LedgerColumn.REGION_CODE);
        if (regionCode != null && !context.actorSubtree().contains(regionCode)) {
            line.problem(LedgerColumn.REGION_CODE, outsideRegion());
        }
        progressAsOfRequired(line);
        if (!line.problems.isEmpty()) {
            return new Plan(line.row, null, true, code, List.of(), List.of(), List.copyOf(line.problems), nameKey);
        }
        String projectId = UUID.randomUUID().toString();
        Map<Milestone, LocalDate> dates = dates(line);
        LocalDate registeredOn = dates.containsKey(Milestone.REGISTERED) ? dates.get(Milestone.REGISTERED)
                : java.util.stream.Stream.concat(dates.values().stream(),
                        java.util.stream.Stream.ofNullable((LocalDate) line.get(LedgerColumn.PROGRESS_AS_OF)))
                .min(LocalDate::compareTo).orElse(context.today());
        List<String> actions = new ArrayList<>(List.of("register"));
        List<Object> commands = new ArrayList<>(List.of(new RegisterProjectCommand(projectId, code,
                line.get(LedgerColumn.NAME), line.get(LedgerColumn.INVESTOR), RegionCode.of(regionCode),
                IndustryCode.of(line.get(LedgerColumn.INDUSTRY)), line.get(LedgerColumn.SOURCE_REGION),
                Money.ofYuan((BigDecimal) line.get(LedgerColumn.PLANNED_INVESTMENT_WAN)), registeredOn, null, null,
                List.of())));
        milestones(line, projectId, dates, Map.of(), null, actions, commands);
        progress(line, projectId, null, actions, commands);
        return new Plan(line.row, projectId, true, code, List.copyOf(actions), List.copyOf(commands), List.of(),
                nameKey);
    }

    private Plan changes(Values line, ProjectState current, String code, Context context) {
        if (!context.actorSubtree().contains(current.regionCode)) {
            line.problem(null, outsideRegion());
            return problemPlan(line, current, code);
        }
        progressAsOfRequired(line);
        List<String> actions = new ArrayList<>();
        List<Object> commands = new ArrayList<>();
        Map<Milestone, LocalDate> dates = dates(line);
        String reason = "台账导入 " + context.fileName() + " 第 " + line.row + " 行";
        details(line, current, context, reason, actions, commands);
        for (Map.Entry<Milestone, LocalDate> given : dates.entrySet()) {
            LocalDate recorded = current.milestones.get(given.getKey());
            if (recorded != null && !recorded.equals(given.getValue())) {
                if (context.corrections()) {
                    actions.add("correct-milestone");
                    commands.add(new CorrectMilestoneCommand(current.projectId, null, given.getKey(),
                            given.getValue(), reason));
                } else {
                    line.problem(MILESTONE_COLUMNS.get(given.getKey()), Phrase.of("ledger.milestone-differs",
                            "recorded " + recorded + ", the ledger says " + given.getValue()
                                    + " (import with corrections=true to correct it)",
                            recorded.toString(), given.getValue().toString()));
                }
            }
        }
        milestones(line, current.projectId, dates, current.milestones, current.productionScope, actions, commands);
        BigDecimal planned = line.get(LedgerColumn.PLANNED_INVESTMENT_WAN);
        if (planned != null && planned.compareTo(current.plannedInvestmentYuan) != 0) {
            actions.add("revise-investment");
            commands.add(new ReviseInvestmentCommand(current.projectId, null, Money.ofYuan(planned), reason));
        }
        progress(line, current.projectId, current, actions, commands);
        if (!line.problems.isEmpty()) {
            return problemPlan(line, current, code);
        }
        Long version = line.get(LedgerColumn.VERSION);
        if (!commands.isEmpty() && version != null && version != current.version) {
            line.problem(LedgerColumn.VERSION, Phrase.of("ledger.version-conflict",
                    "the ledger was exported at version " + version + ", the project is now at version "
                            + current.version + ": someone changed it since; export again and redo the change",
                    version, current.version));
            return problemPlan(line, current, code);
        }
        if (!commands.isEmpty() && current.status != ProjectState.Status.ACTIVE
                && current.status != ProjectState.Status.SUSPENDED) {
            line.problem(null, Phrase.of("rule.nothing-after-cancel-or-void", "the project is "
                    + current.status.name().toLowerCase() + "; it accepts no further command", current.status.name()));
            return problemPlan(line, current, code);
        }
        // the first command carries the version the plan was made against: a change in between is a conflict
        if (!commands.isEmpty()) {
            commands.set(0, LedgerCommands.expecting(commands.get(0), current.version));
        }
        return new Plan(line.row, current.projectId, false, code, List.copyOf(actions), List.copyOf(commands),
                List.of(), null);
    }

    /**
     * Name, investor, industry, region or source region that differ from what is recorded: a problem, or with
     * {@code corrections=true} one {@code correct-details} (a region move needs the new region in the importer's
     * subtree too).
     */
    private static void details(Values line, ProjectState current, Context context, String reason,
                                List<String> actions, List<Object> commands) {
        Map<LedgerColumn, String[]> differing = new EnumMap<>(LedgerColumn.class);
        differ(differing, LedgerColumn.NAME, current.name, line.get(LedgerColumn.NAME));
        differ(differing, LedgerColumn.INVESTOR, current.investor, line.get(LedgerColumn.INVESTOR));
        differ(differing, LedgerColumn.INDUSTRY, current.industry, line.get(LedgerColumn.INDUSTRY));
        differ(differing, LedgerColumn.REGION_CODE, current.regionCode, line.get(LedgerColumn.REGION_CODE));
        differ(differing, LedgerColumn.SOURCE_REGION, current.sourceRegion, line.get(LedgerColumn.SOURCE_REGION));
        if (differing.isEmpty()) {
            return;
        }
        if (!context.corrections()) {
            differing.forEach((column, values) -> line.problem(column, Phrase.of("ledger.detail-differs",
                    "recorded " + values[0] + ", the ledger says " + values[1]
                            + " (import with corrections=true to correct it)", values[0], values[1])));
            return;
        }
        String region = after(differing, LedgerColumn.REGION_CODE);
        if (region != null && !context.actorSubtree().contains(region)) {
            line.problem(LedgerColumn.REGION_CODE, outsideRegion());
            return;
        }
        String industry = after(differing, LedgerColumn.INDUSTRY);
        actions.add("correct-details");
        commands.add(new CorrectDetailsCommand(current.projectId, null, after(differing, LedgerColumn.NAME),
                after(differing, LedgerColumn.INVESTOR), industry == null ? null : IndustryCode.of(industry),
                region == null ? null : RegionCode.of(region), null, after(differing, LedgerColumn.SOURCE_REGION),
                reason));
    }

    private static void differ(Map<LedgerColumn, String[]> differing, LedgerColumn column, String recorded,
                               Object given) {
        if (given != null && !given.equals(recorded)) {
            differing.put(column, new String[]{String.valueOf(recorded), (String) given});
        }
    }

    private static String after(Map<LedgerColumn, String[]> differing, LedgerColumn column) {
        String[] values = differing.get(column);
        return values == null ? null : values[1];
    }

    private static Plan problemPlan(Values line, ProjectState current, String code) {
        return new Plan(line.row, current.projectId, false, code, List.of(), List.of(), List.copyOf(line.problems),
                null);
    }

    private static Phrase outsideRegion() {
        return Phrase.of("ledger.outside-region", "lies outside your region: you may not act on it");
    }

    private static void progressAsOfRequired(Values line) {
        if (line.get(LedgerColumn.PROGRESS_AS_OF) == null && PROGRESS.stream().anyMatch(line.values::containsKey)) {
            line.problem(LedgerColumn.PROGRESS_AS_OF, Phrase.of("ledger.progress-as-of",
                    "is required when a progress column is given"));
        }
    }

    private static Map<Milestone, LocalDate> dates(Values line) {
        Map<Milestone, LocalDate> dates = new EnumMap<>(Milestone.class);
        MILESTONE_COLUMNS.forEach((milestone, column) -> {
            LocalDate date = line.get(column);
            if (date != null) {
                dates.put(milestone, date);
            }
        });
        return dates;
    }

    /** Each milestone after registration that the line dates and the project has not reached, in order. */
    private static void milestones(Values line, String projectId, Map<Milestone, LocalDate> dates,
                                   Map<Milestone, LocalDate> reached, ProductionScope recordedScope,
                                   List<String> actions, List<Object> commands) {
        LocalDate signed = missing(Milestone.SIGNED, dates, reached);
        if (signed != null) {
            actions.add("sign");
            commands.add(new SignProjectCommand(projectId, null, signed, null));
        }
        LocalDate started = missing(Milestone.CONSTRUCTION_STARTED, dates, reached);
        if (started != null) {
            actions.add("start-construction");
            commands.add(new StartConstructionCommand(projectId, null, started));
        }
        LocalDate completed = missing(Milestone.CONSTRUCTION_COMPLETED, dates, reached);
        if (completed != null) {
            actions.add("complete-construction");
            commands.add(new CompleteConstructionCommand(projectId, null, completed));
        }
        LocalDate production = missing(Milestone.PRODUCTION_STARTED, dates, reached);
        if (production != null) {
            ProductionScope scope = line.get(LedgerColumn.PRODUCTION_SCOPE);
            actions.add("start-production");
            commands.add(new StartProductionCommand(projectId, null, production,
                    Objects.requireNonNullElse(scope, ProductionScope.FULL)));
        }
    }

    private static LocalDate missing(Milestone milestone, Map<Milestone, LocalDate> dates,
                                     Map<Milestone, LocalDate> reached) {
        return reached.containsKey(milestone) ? null : dates.get(milestone);
    }

    /** A progress report when a given progress value or its date differs from what is recorded. */
    private static void progress(Values line, String projectId, ProjectState current, List<String> actions,
                                 List<Object> commands) {
        BigDecimal completed = line.get(LedgerColumn.COMPLETED_INVESTMENT_WAN);
        BigDecimal percent = line.get(LedgerColumn.CONSTRUCTION_PROGRESS_PERCENT);
        BigDecimal funds = line.get(LedgerColumn.FUNDS_IN_PLACE_WAN);
        LocalDate asOf = line.get(LedgerColumn.PROGRESS_AS_OF);
        if (completed == null && percent == null && funds == null) {
            return;
        }
        boolean differs = current == null || !asOf.equals(current.progressAsOf)
                || differs(completed, current.completedInvestmentYuan)
                || differs(percent, current.constructionProgressPercent)
                || differs(funds, current.fundsInPlaceYuan);
        if (differs) {
            actions.add("report-progress");
            commands.add(new ReportProgressCommand(projectId, null, asOf,
                    completed == null ? null : Money.ofYuan(completed), percent,
                    funds == null ? null : Money.ofYuan(funds)));
        }
    }

    private static boolean differs(BigDecimal given, BigDecimal recorded) {
        return given != null && (recorded == null || given.compareTo(recorded) != 0);
    }
}
