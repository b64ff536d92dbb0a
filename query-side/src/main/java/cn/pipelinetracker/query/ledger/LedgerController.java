package cn.pipelinetracker.query.ledger;

import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.ledger.LedgerColumn;
import cn.pipelinetracker.platform.reference.IndustryList;
import cn.pipelinetracker.platform.reference.Region;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.security.CurrentUser;
import cn.pipelinetracker.platform.web.ProblemException;
import cn.pipelinetracker.query.position.AwaitPosition;
import cn.pipelinetracker.query.projectview.ProjectFilters;
import cn.pipelinetracker.query.projectview.ProjectStatus;
import cn.pipelinetracker.query.projectview.ProjectViews;
import cn.pipelinetracker.query.projectview.Stage;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The ledger (台账) export: every project of the user's subtree that the list's filters select, one row each, as xlsx
 * or as CSV (UTF-8 with a BOM, so that Excel reads the Chinese right). Streamed from a cursor; importing the file
 * unchanged changes nothing.
 */
@RestController
public class LedgerController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final CsvMapper CSV_MAPPER = CsvMapper.builder().build();
    private static final CsvSchema CSV_HEADER = CsvSchema.builder()
            .addColumns(Arrays.stream(LedgerColumn.values()).map(LedgerColumn::header).toList(),
                    CsvSchema.ColumnType.STRING)
            .build().withHeader();

    private final LedgerRows rows;
    private final ProjectViews views;
    private final ProjectFilters filters;
    private final AwaitPosition awaitPosition;
    private final CurrentUser currentUser;
    private final RegionTree regions;
    private final IndustryList industries;
    private final Clock clock;

    LedgerController(LedgerRows rows, ProjectViews views, ProjectFilters filters, AwaitPosition awaitPosition,
                     CurrentUser currentUser, RegionTree regions, IndustryList industries, Clock clock) {
        this.rows = rows;
        this.views = views;
        this.filters = filters;
        this.awaitPosition = awaitPosition;
        this.currentUser = currentUser;
        this.regions = regions;
        this.industries = industries;
        this.clock = clock;
    }

    /** An empty ledger to fill in: the import's columns, an example row, drop-down lists of the reader's regions. */
    @GetMapping("/api/v1/ledger/template.xlsx")
    ResponseEntity<StreamingResponseBody> template() {
        List<Region> subtree = currentUser.subtree().stream().map(code -> regions.find(code).orElseThrow()).toList();
        return attachment("ledger-template.xlsx", XLSX,
                out -> LedgerTemplate.write(out, subtree, industries.all(), LocalDate.now(clock)));
    }

    /** One method for both formats: the same filters, the same selection, the path's extension names the format. */
    @GetMapping({"/api/v1/ledger.xlsx", "/api/v1/ledger.csv"})
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String regionCode,
                                                 @RequestParam(required = false) Stage stage,
                                                 @RequestParam(required = false) ProjectStatus status,
                                                 @RequestParam(required = false) String industry,
                                                 @RequestParam(required = false) String q,
                                                 @RequestParam(required = false) Long awaitPosition,
                                                 HttpServletRequest request) {
        ProjectViews.Filter filter = filters.of(regionCode, stage, status, industry, q, null, null);
        this.awaitPosition.await(awaitPosition);
        ProjectViews.Where where = views.where(filter);
        return request.getRequestURI().endsWith(".xlsx") ? xlsx(where) : csv(where);
    }

    private ResponseEntity<StreamingResponseBody> xlsx(ProjectViews.Where where) {
        long selected = views.count(where);
        if (selected > LedgerXlsx.MAX_ROWS) {
            throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "ledger-too-large-for-xlsx",
                    "Too many rows for one sheet", Phrase.of("problem.ledger-too-large-for-xlsx",
                    selected + " projects are more than one sheet's " + LedgerXlsx.MAX_ROWS
                            + " rows: export them as CSV (/api/v1/ledger.csv) or narrow the filters",
                    selected, LedgerXlsx.MAX_ROWS));
        }
        StreamingResponseBody body = out -> {
            try (LedgerXlsx workbook = new LedgerXlsx()) {
                rows.forEach(where, workbook::write);
                workbook.writeTo(out);
            }
        };
        return attachment("ledger.xlsx", XLSX, body);
    }

    private ResponseEntity<StreamingResponseBody> csv(ProjectViews.Where where) {
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write('\uFEFF');
            try (SequenceWriter csv = CSV_MAPPER.writerFor(String[].class).with(CSV_HEADER).writeValues(writer)) {
                rows.forEach(where, row -> csv.write(Arrays.stream(row.values())
                        .map(value -> value == null ? "" : value instanceof BigDecimal amount
                                ? amount.toPlainString() : value.toString())
                        .toArray(String[]::new)));
            }
        };
        return attachment("ledger.csv", CSV, body);
    }

    private static ResponseEntity<StreamingResponseBody> attachment(String name, MediaType type,
                                                                    StreamingResponseBody body) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .body(body);
    }
}
