package cn.pipelinetracker.command.ledger;

import cn.pipelinetracker.command.handling.CommandEnvelope;
import cn.pipelinetracker.command.handling.CommandOutcome;
import cn.pipelinetracker.command.handling.CommandSource;
import cn.pipelinetracker.command.handling.Commands;
import cn.pipelinetracker.platform.ledger.LedgerColumn;
import cn.pipelinetracker.platform.reference.IndustryList;
import cn.pipelinetracker.platform.reference.RegionTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ledger import (contract, "The ledger"): a dry run plans each line's commands and lists its problems, storing
 * nothing; an apply runs in the background, in batches of lines, each batch one transaction in which every line is
 * one group of {@link Commands#handleGroups} (all of its commands or none), counted into its job as it goes.
 */
@Service
public class LedgerImports implements DisposableBean {

    /** Lines per transaction of an apply. */
    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(LedgerImports.class);

    /** How the lines of a file (or of one batch) came out. {@code changed}: would change, or did. */
    record Counts(int rows, int unchanged, int changed, int failed) {

        Counts plus(Counts other) {
            return new Counts(rows + other.rows, unchanged + other.unchanged, changed + other.changed,
                    failed + other.failed);
        }
    }

    /** A dry run's answer: the counts, each line's problems, and the plan of each line that would change. */
    record DryRun(String importId, Counts counts, List<LedgerReconciler.Problem> problems,
                  List<LedgerReconciler.Plan> plan, List<String> ignoredColumns) {
    }

    private final Commands commands;
    private final ProjectStates states;
    private final LedgerMatches matches;
    private final LedgerImportJobs jobs;
    private final LedgerReconciler reconciler;
    private final RegionTree regions;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ExecutorService background;

    LedgerImports(Commands commands, ProjectStates states, LedgerMatches matches, LedgerImportJobs jobs,
                  RegionTree regions, IndustryList industries, PlatformTransactionManager transactions, Clock clock) {
        this.commands = commands;
        this.states = states;
        this.matches = matches;
        this.jobs = jobs;
        this.reconciler = new LedgerReconciler(regions, industries);
        this.regions = regions;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.background = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "ledger-import-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    DryRun dryRun(LedgerSheet sheet, CommandEnvelope.Actor actor, boolean corrections) {
        LedgerReconciler.Context context = context(sheet, actor, corrections);
        List<LedgerReconciler.Plan> plans = new ArrayList<>();
        for (int from = 0; from < sheet.lines().size(); from += BATCH) {
            plans.addAll(plan(sheet.lines().subList(from, Math.min(from + BATCH, sheet.lines().size())), context));
        }
        return new DryRun(UUID.randomUUID().toString(), counts(plans), problems(plans),
                plans.stream().filter(LedgerReconciler.Plan::changes).toList(), sheet.ignoredColumns());
    }

    /** Starts applying the file in the background; its job answers from the first moment. */
    String apply(LedgerSheet sheet, CommandEnvelope.Actor actor, boolean corrections) {
        String importId = UUID.randomUUID().toString();
        jobs.start(importId, actor.name(), sheet.fileName(), sheet.lines().size(), sheet.ignoredColumns(),
                clock.instant());
        background.execute(() -> run(importId, sheet, actor, corrections));
        return importId;
    }

    private void run(String importId, LedgerSheet sheet, CommandEnvelope.Actor actor, boolean corrections) {
        LedgerReconciler.Context context = context(sheet, actor, corrections);
        try {
            List<LedgerSheet.Line> lines = sheet.lines();
            for (int from = 0; from < lines.size(); from += BATCH) {
                List<LedgerSheet.Line> batch = lines.subList(from, Math.min(from + BATCH, lines.size()));
                transaction.executeWithoutResult(status -> applyBatch(importId, batch, actor, context));
            }
            jobs.finish(importId, LedgerImportJobs.Status.DONE, clock.instant());
        } catch (RuntimeException failed) {
            log.error("Ledger import {} of {} failed", importId, sheet.fileName(), failed);
            jobs.finish(importId, LedgerImportJobs.Status.FAILED, clock.instant());
        }
    }

    private void applyBatch(String importId, List<LedgerSheet.Line> batch, CommandEnvelope.Actor actor,
                            LedgerReconciler.Context context) {
        List<LedgerReconciler.Plan> plans = plan(batch, context);
        List<LedgerReconciler.Plan> changing = plans.stream().filter(LedgerReconciler.Plan::changes).toList();
        List<List<CommandEnvelope>> groups = changing.stream()
                .map(plan -> plan.commands().stream().map(command -> new CommandEnvelope(command, actor, importId,
                        null, null, CommandSource.IMPORT)).toList())
                .toList();
        List<Commands.GroupResult> results = commands.handleGroups(groups);
        List<LedgerReconciler.Problem> problems = new ArrayList<>(problems(plans));
        List<Map.Entry<LedgerMatches.NameKey, String>> registered = new ArrayList<>();
        int applied = 0;
        Long position = null;
        for (int i = 0; i < changing.size(); i++) {
            LedgerReconciler.Plan plan = changing.get(i);
            Commands.GroupResult result = results.get(i);
            if (result.applied()) {
                applied++;
                for (CommandOutcome outcome : result.outcomes()) {
                    position = position == null ? outcome.position() : Math.max(position, outcome.position());
                }
                if (plan.isNew() && plan.nameKey() != null) {
                    registered.add(Map.entry(plan.nameKey(), plan.projectId()));
                }
            } else {
                Object refused = plan.commands().get(result.refusedAt());
                LedgerColumn column = LedgerCommands.columnOf(refused, result.refusal().field());
                problems.add(new LedgerReconciler.Problem(plan.row(), column == null ? null : column.key(),
                        result.refusal().phrase()));
            }
        }
        matches.registered(registered);
        Counts counts = counts(plans);
        jobs.progress(importId, new Counts(counts.rows(), counts.unchanged(), applied,
                counts.failed() + changing.size() - applied), problems, position);
    }

    /** Each line's plan, against the current state of the projects the batch names. */
    private List<LedgerReconciler.Plan> plan(List<LedgerSheet.Line> lines, LedgerReconciler.Context context) {
        List<LedgerReconciler.Values> values = lines.stream()
                .map(line -> reconciler.values(line, context.today())).toList();
        Set<String> codes = new HashSet<>();
        Set<LedgerMatches.NameKey> names = new HashSet<>();
        for (LedgerReconciler.Values line : values) {
            String code = line.get(LedgerColumn.PROJECT_CODE);
            if (line.get(LedgerColumn.PROJECT_ID) == null && code != null) {
                codes.add(code);
            } else if (line.get(LedgerColumn.PROJECT_ID) == null) {
                LedgerMatches.NameKey key = nameKey(line);
                if (key != null) {
                    names.add(key);
                }
            }
        }
        Map<String, String> byCode = matches.byCode(codes);
        Map<LedgerMatches.NameKey, String> byName = matches.byName(names);
        Map<LedgerReconciler.Values, String> ids = new HashMap<>();
        for (LedgerReconciler.Values line : values) {
            String id = line.get(LedgerColumn.PROJECT_ID);
            if (id == null) {
                String code = line.get(LedgerColumn.PROJECT_CODE);
                id = code != null ? byCode.get(code) : byName.get(nameKey(line));
            }
            if (id != null) {
                ids.put(line, id);
            }
        }
        Map<String, ProjectState> current = states.load(new HashSet<>(ids.values()));
        return values.stream().map(line -> {
            String id = ids.get(line);
            ProjectState state = id == null ? null : current.get(id);
            String unknown = id != null && state == null ? id : null;
            return reconciler.plan(line, state, unknown, context);
        }).toList();
    }

    private static LedgerMatches.NameKey nameKey(LedgerReconciler.Values line) {
        return LedgerMatches.NameKey.of(line.get(LedgerColumn.REGION_CODE), line.get(LedgerColumn.NAME),
                line.get(LedgerColumn.INVESTOR));
    }

    private LedgerReconciler.Context context(LedgerSheet sheet, CommandEnvelope.Actor actor, boolean corrections) {
        Set<String> subtree = regions.subtree(Objects.requireNonNullElse(actor.regionCode(), regions.root()));
        return new LedgerReconciler.Context(sheet.fileName(), subtree, corrections, LocalDate.now(clock));
    }

    private static Counts counts(List<LedgerReconciler.Plan> plans) {
        int unchanged = (int) plans.stream().filter(LedgerReconciler.Plan::unchanged).count();
        int changed = (int) plans.stream().filter(LedgerReconciler.Plan::changes).count();
        return new Counts(plans.size(), unchanged, changed, plans.size() - unchanged - changed);
    }

    private static List<LedgerReconciler.Problem> problems(List<LedgerReconciler.Plan> plans) {
        return plans.stream().flatMap(plan -> plan.problems().stream()).toList();
    }

    @Override
    public void destroy() {
        background.shutdownNow();
    }
}
