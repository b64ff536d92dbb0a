package cn.pipelinetracker.command.period;

import cn.pipelinetracker.command.handling.CommandOutcome;
import cn.pipelinetracker.command.handling.Commands;
import cn.pipelinetracker.command.publication.Publications;
import cn.pipelinetracker.command.publication.PublishedAnswers;
import cn.pipelinetracker.command.web.HttpCommands;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.reference.Region;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The monthly close: {@code POST /api/v1/periods/{regionCode}/{YYYY-MM}/close} closes the month and publishes its four
 * milestone figures for the region; {@code …/reopen} with a reason opens it again.
 */
@RestController
public class PeriodCommandController {

    /** The four milestone figures a close publishes. */
    static final List<Milestone> PUBLISHED = List.of(Milestone.SIGNED, Milestone.CONSTRUCTION_STARTED,
            Milestone.CONSTRUCTION_COMPLETED, Milestone.PRODUCTION_STARTED);
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    public record Reopen(@NotBlank @Size(max = 500) String reason) {
    }

    /** A closed or reopened period; a close lists the figures it published. */
    public record PeriodResult(String periodId, String regionCode, String month, String status, long version,
                               long position, List<Publications.Published> publications) {
    }

    private final Commands commands;
    private final Publications publications;
    private final HttpCommands http;
    private final RegionTree regions;

    public PeriodCommandController(Commands commands, Publications publications, HttpCommands http,
                                   RegionTree regions) {
        this.commands = commands;
        this.publications = publications;
        this.http = http;
        this.regions = regions;
    }

    @PostMapping(path = "/api/v1/periods/{regionCode}/{month}/close", produces = "application/json")
    PeriodResult close(@PathVariable String regionCode, @PathVariable String month, HttpServletRequest request) {
        RegionCode region = region(regionCode);
        YearMonth which = month(month);
        CommandOutcome closed = commands.handle(http.envelope(request, null,
                new ClosePeriodCommand(region, which)));
        // published after the close has committed: from then on no command changes the month's dates
        List<Publications.Published> figures = publications.publish(PUBLISHED.stream()
                        .map(milestone -> new Publications.Figure(title(regionCode, which, milestone),
                                new PublishedAnswers.Question(milestone, region, which.atDay(1), which.atEndOfMonth(),
                                        null, null)))
                        .toList(), closed.aggregateId(),
                command -> http.envelope(request, null, command).withoutIdempotencyKey());
        return new PeriodResult(closed.aggregateId(), regionCode, which.toString(), "CLOSED", closed.version(),
                closed.position(), figures);
    }

    @PostMapping(path = "/api/v1/periods/{regionCode}/{month}/reopen", produces = "application/json")
    PeriodResult reopen(@PathVariable String regionCode, @PathVariable String month,
                        @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        RegionCode region = region(regionCode);
        YearMonth which = month(month);
        Reopen read = http.body(request, body, Reopen.class, false);
        CommandOutcome reopened = commands.handle(http.envelope(request, read,
                new ReopenPeriodCommand(region, which, read.reason())));
        return new PeriodResult(reopened.aggregateId(), regionCode, which.toString(), "OPEN", reopened.version(),
                reopened.position(), List.of());
    }

    /** A title as a bureau would print it: 肇庆市 2024年6月 签约项目. */
    private String title(String regionCode, YearMonth month, Milestone milestone) {
        String region = regions.find(regionCode).map(Region::nameZh).orElse(regionCode);
        String what = switch (milestone) {
            case SIGNED -> "签约项目";
            case CONSTRUCTION_STARTED -> "开工项目";
            case CONSTRUCTION_COMPLETED -> "竣工项目";
            case PRODUCTION_STARTED -> "投产项目";
            case REGISTERED -> "入库项目";
        };
        return region + " " + month.getYear() + "年" + month.getMonthValue() + "月 " + what;
    }

    private RegionCode region(String regionCode) {
        if (!regions.contains(regionCode)) {
            throw ProblemException.unknownRegion(regionCode);
        }
        return RegionCode.of(regionCode);
    }

    private static YearMonth month(String month) {
        try {
            if (MONTH.matcher(month).matches()) {
                return YearMonth.parse(month);
            }
        } catch (DateTimeParseException ignored) {
            // answered below
        }
        throw ProblemException.invalidField("month", "must be a month YYYY-MM");
    }
}
