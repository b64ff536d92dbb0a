package cn.pipelinetracker.command.publication;

import cn.pipelinetracker.command.web.HttpCommands;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.reference.IndustryList;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/** {@code POST /api/v1/publications}: publish a milestone figure with the answer of this moment. */
@RestController
public class PublicationCommandController {

    public record PublishRequest(@NotBlank @Size(max = 300) String title, @NotNull @Valid QuestionRequest question) {
    }

    public record QuestionRequest(
            @NotNull Milestone milestone,
            @NotBlank @Pattern(regexp = RegionCode.WELL_FORMED, message = "{field.region-code}") String regionCode,
            @NotNull LocalDate from,
            @NotNull LocalDate to,
            @Pattern(regexp = IndustryCode.WELL_FORMED, message = "{field.industry}") String industry,
            @Size(max = 100) String sourceRegion) {
    }

    private final Publications publications;
    private final HttpCommands http;
    private final RegionTree regions;
    private final IndustryList industries;

    public PublicationCommandController(Publications publications, HttpCommands http, RegionTree regions,
                                        IndustryList industries) {
        this.publications = publications;
        this.http = http;
        this.regions = regions;
        this.industries = industries;
    }

    @PostMapping(path = "/api/v1/publications", produces = "application/json")
    ResponseEntity<Publications.Published> publish(@Valid @RequestBody PublishRequest body, HttpServletRequest request) {
        QuestionRequest q = body.question();
        if (!regions.contains(q.regionCode())) {
            throw ProblemException.unknownRegion(q.regionCode());
        }
        if (q.industry() != null && !industries.contains(q.industry())) {
            throw ProblemException.unknownIndustry(q.industry());
        }
        if (q.from().isAfter(q.to())) {
            throw ProblemException.invalidField("question.to", "must not be before from (" + q.from() + ")");
        }
        var question = new PublishedAnswers.Question(q.milestone(), RegionCode.of(q.regionCode()), q.from(), q.to(),
                q.industry() == null ? null : IndustryCode.of(q.industry()), q.sourceRegion());
        Publications.Published published = publications.publish(
                List.of(new Publications.Figure(body.title(), question)), null,
                command -> http.envelope(request, body, command)).get(0);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/publications/" + published.publicationId()))
                .body(published);
    }
}
