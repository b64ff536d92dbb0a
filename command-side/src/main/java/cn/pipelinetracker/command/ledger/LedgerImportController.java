package cn.pipelinetracker.command.ledger;

import cn.pipelinetracker.command.handling.CommandEnvelope;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.security.CurrentUser;
import cn.pipelinetracker.platform.security.PipelineUser;
import cn.pipelinetracker.platform.security.Role;
import cn.pipelinetracker.platform.web.InputRules;
import cn.pipelinetracker.platform.web.ProblemException;
import cn.pipelinetracker.platform.web.ProblemMessages;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code POST /api/v1/ledger/imports} (a dry run, or an apply in the background) and the status of an apply. Problems
 * are in the language of {@code Accept-Language}, English without it.
 */
@RestController
public class LedgerImportController {

    /** A problem of a line as answered: the row as the spreadsheet shows it, the column's key, the message. */
    record ProblemEntry(int row, String column, String message) {
    }

    record PlanEntry(int row, String projectId, String projectCode, List<String> commands) {
    }

    record DryRunAnswer(String importId, String mode, int rows, int unchanged, int changed,
                        List<ProblemEntry> problems, List<PlanEntry> plan, List<String> ignoredColumns) {
    }

    record Started(String importId) {
    }

    /**
     * An apply's status. Besides the contract's fields: the file, the columns it ignored, the rate so far and the
     * seconds left at that rate (null until a line is done), and when it started and finished.
     */
    record Status(String importId, String status, int rows, int done, int applied, int unchanged, int failed,
                  List<ProblemEntry> problems, Long position, String fileName, List<String> ignoredColumns,
                  Double rowsPerSecond, Long secondsLeft, Instant startedAt, Instant finishedAt) {
    }

    private final LedgerImports imports;
    private final LedgerImportJobs jobs;
    private final CurrentUser currentUser;
    private final ProblemMessages messages;
    private final Clock clock;
    private final long maxFileSize;
    private final int maxRows;

    LedgerImportController(LedgerImports imports, LedgerImportJobs jobs, CurrentUser currentUser,
                           ProblemMessages messages, Clock clock,
                           @Value("${pipeline.ledger.max-file-size:20MB}") DataSize maxFileSize,
                           @Value("${pipeline.ledger.max-rows:200000}") int maxRows) {
        this.imports = imports;
        this.jobs = jobs;
        this.currentUser = currentUser;
        this.messages = messages;
        this.clock = clock;
        this.maxFileSize = maxFileSize.toBytes();
        this.maxRows = maxRows;
    }

    @PostMapping(path = "/api/v1/ledger/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> importLedger(@RequestParam("file") MultipartFile file,
                                   @RequestParam(defaultValue = "dry-run") String mode,
                                   @RequestParam(defaultValue = "false") String corrections,
                                   HttpServletRequest request) {
        if (!mode.equals("dry-run") && !mode.equals("apply")) {
            throw ProblemException.invalidField("mode", Phrase.of("ledger.mode", "must be dry-run or apply"));
        }
        if (!corrections.equals("true") && !corrections.equals("false")) {
            throw ProblemException.invalidField("corrections", Phrase.of("ledger.corrections",
                    "must be true or false"));
        }
        if (file.getSize() > maxFileSize) {
            throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large",
                    Phrase.of("ledger.file-too-large", "The ledger file may be at most " + maxFileSize + " bytes",
                            maxFileSize));
        }
        LedgerSheet sheet = LedgerFiles.read(fileName(file), bytes(file));
        if (sheet.lines().size() > maxRows) {
            throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "ledger-too-many-rows", "Too many rows",
                    Phrase.of("ledger.too-many-rows", "The ledger may have at most " + maxRows
                            + " rows at a time; it has " + sheet.lines().size(), maxRows, sheet.lines().size()));
        }
        PipelineUser user = currentUser.get();
        CommandEnvelope.Actor actor = new CommandEnvelope.Actor(user.name(), user.regionCode());
        boolean correct = corrections.equals("true");
        if (mode.equals("apply")) {
            return ResponseEntity.accepted().body(new Started(imports.apply(sheet, actor, correct)));
        }
        LedgerImports.DryRun run = imports.dryRun(sheet, actor, correct);
        Locale locale = messages.localeOf(request);
        return ResponseEntity.ok(new DryRunAnswer(run.importId(), "dry-run", run.counts().rows(),
                run.counts().unchanged(), run.counts().changed(),
                run.problems().stream().map(problem -> new ProblemEntry(problem.row(), problem.column(),
                        messages.text(problem.message(), locale))).toList(),
                run.plan().stream().map(plan -> new PlanEntry(plan.row(), plan.isNew() ? null : plan.projectId(),
                        plan.projectCode(), plan.actions())).toList(),
                run.ignoredColumns()));
    }

    @GetMapping(path = "/api/v1/ledger/imports/{importId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Status status(@PathVariable String importId, HttpServletRequest request) {
        LedgerImportJobs.Job job = ownJob(importId);
        Locale locale = messages.localeOf(request);
        Instant until = job.finishedAt() == null ? clock.instant() : job.finishedAt();
        double seconds = Math.max(Duration.between(job.startedAt(), until).toMillis(), 1) / 1000.0;
        Double rate = job.done() == 0 ? null : job.done() / seconds;
        Long left = rate == null ? null : Math.round((job.rows() - job.done()) / rate);
        return new Status(job.importId(), job.status().name(), job.rows(), job.done(), job.applied(),
                job.unchanged(), job.failed(),
                job.problems().stream().map(problem -> new ProblemEntry(problem.row(), problem.column(),
                        messages.text(problem.message(), locale))).toList(),
                job.position(), job.fileName(), job.ignoredColumns(), rate, left, job.startedAt(), job.finishedAt());
    }

    /** The final report of an apply as a workbook: its counts and one line per problem, in the reader's language. */
    @GetMapping("/api/v1/ledger/imports/{importId}/report.xlsx")
    ResponseEntity<StreamingResponseBody> report(@PathVariable String importId, HttpServletRequest request) {
        LedgerImportJobs.Job job = ownJob(importId);
        Locale locale = messages.localeOf(request);
        Function<String, String> word = key -> messages.text(Phrase.of("ledger.report." + key, key), locale);
        LedgerImportReport.Labels labels = new LedgerImportReport.Labels(word.apply("sheet"), word.apply("file"),
                word.apply("status"), word.apply("rows"), word.apply("applied"), word.apply("unchanged"),
                word.apply("failed"), word.apply("row"), word.apply("column"), word.apply("problem"));
        StreamingResponseBody body = out -> LedgerImportReport.write(out, job, labels,
                problem -> messages.text(problem.message(), locale));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("ledger-import-report.xlsx").build().toString())
                .body(body);
    }

    /** An import of the reader's (an administrator's: anyone's); 404 for any other. */
    private LedgerImportJobs.Job ownJob(String importId) {
        PipelineUser user = currentUser.get();
        return jobs.find(importId)
                .filter(found -> user.role() == Role.ADMIN || found.actor().equals(user.name()))
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "ledger-import-not-found",
                        "Import not found", Phrase.of("ledger.import-not-found",
                        "No import with id " + importId + " of yours", importId)));
    }

    /** The file's own name, without any folder a browser sent along; "ledger" when it has none usable. */
    private static String fileName(MultipartFile file) {
        String name = file.getOriginalFilename();
        if (name == null || name.isBlank() || InputRules.textProblem(name) != null) {
            return "ledger";
        }
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        return name.isEmpty() ? "ledger" : name.substring(0, Math.min(name.length(), 200));
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
