package cn.pipelinetracker.query.stats;

import cn.pipelinetracker.platform.web.FieldProblem;
import cn.pipelinetracker.platform.web.ProblemException;
import cn.pipelinetracker.query.stats.StatisticsController.MilestoneStats;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Several milestone statistics in one request (the dashboard's view is one round trip):
 * {@code GET /api/v1/stats/milestones/batch?regionCode=441200&from=2024-01-01&to=2024-06-30&q=milestone%3DSIGNED&q=…}.
 * Each {@code q} is one question in the single endpoint's parameters, URL-encoded; a parameter given outside the
 * {@code q}s applies to every question that does not set it. Each question is answered by
 * {@link StatisticsController#milestones}, exactly as if asked alone; a refused question refuses the whole batch, its
 * fields named {@code q[i].field}. It is a GET because the dashboard's session may only read.
 */
@RestController
@RequestMapping(path = "/api/v1/stats", produces = "application/json")
class MilestoneStatsBatchController {

    static final int MAX_QUESTIONS = 200;
    private static final Set<String> QUESTION_PARAMETERS = Set.of("milestone", "regionCode", "from", "to", "industry",
            "sourceRegion", "asOf", "signedFrom", "signedTo", "withFunds");

    record Answers(List<MilestoneStats> answers) {
    }

    private final StatisticsController single;

    MilestoneStatsBatchController(StatisticsController single) {
        this.single = single;
    }

    @GetMapping("/milestones/batch")
    Answers milestones(@RequestParam MultiValueMap<String, String> parameters) {
        List<String> questions = parameters.getOrDefault("q", List.of());
        if (questions.isEmpty() || questions.size() > MAX_QUESTIONS) {
            throw ProblemException.invalidField("q", "give 1 to " + MAX_QUESTIONS + " questions");
        }
        for (String name : parameters.keySet()) {
            if (!name.equals("q") && !name.equals("awaitPosition") && !QUESTION_PARAMETERS.contains(name)) {
                throw ProblemException.invalidField(name, "unknown parameter");
            }
        }
        Long awaitPosition = parsed(parameters.getFirst("awaitPosition"), "awaitPosition", Long::valueOf);
        List<MilestoneStats> answers = new ArrayList<>(questions.size());
        for (int i = 0; i < questions.size(); i++) {
            String prefix = "q[" + i + "].";
            try {
                answers.add(answer(questionOf(questions.get(i), parameters, prefix), awaitPosition));
            } catch (ProblemException refused) {
                throw prefixed(refused, prefix);
            }
        }
        return new Answers(answers);
    }

    private MilestoneStats answer(MultiValueMap<String, String> q, Long awaitPosition) {
        return single.milestones(required(q, "milestone"), required(q, "regionCode"),
                parsed(required(q, "from"), "from", LocalDate::parse), parsed(required(q, "to"), "to", LocalDate::parse),
                q.getFirst("industry"), q.getFirst("sourceRegion"), parsed(q.getFirst("asOf"), "asOf", Instant::parse),
                parsed(q.getFirst("signedFrom"), "signedFrom", LocalDate::parse),
                parsed(q.getFirst("signedTo"), "signedTo", LocalDate::parse),
                Boolean.TRUE.equals(parsed(q.getFirst("withFunds"), "withFunds", MilestoneStatsBatchController::bool)),
                awaitPosition);
    }

    /** One question's own parameters over the batch's shared ones. */
    private static MultiValueMap<String, String> questionOf(String encoded, MultiValueMap<String, String> shared,
                                                            String prefix) {
        MultiValueMap<String, String> question = new LinkedMultiValueMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (!QUESTION_PARAMETERS.contains(name)) {
                throw ProblemException.invalidField(prefix + name, "unknown parameter");
            }
            question.set(name, value);
        }
        QUESTION_PARAMETERS.forEach(name -> {
            if (!question.containsKey(name) && shared.containsKey(name)) {
                question.set(name, shared.getFirst(name));
            }
        });
        return question;
    }

    private static String required(MultiValueMap<String, String> question, String name) {
        String value = question.getFirst(name);
        if (value == null || value.isEmpty()) {
            throw ProblemException.invalidField(name, "required");
        }
        return value;
    }

    private static <T> T parsed(String value, String name, Function<String, T> parse) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ProblemException.invalidField(name, "cannot read '" + value + "'");
        }
    }

    private static Boolean bool(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(value);
        };
    }

    private static ProblemException prefixed(ProblemException refused, String prefix) {
        List<FieldProblem> errors = refused.errors().stream()
                .map(e -> new FieldProblem(e.field().startsWith(prefix) ? e.field() : prefix + e.field(), e.message()))
                .toList();
        return new ProblemException(refused.status(), refused.type(), refused.title(),
                prefix.substring(0, prefix.length() - 1) + ": " + refused.getMessage(), errors);
    }
}
