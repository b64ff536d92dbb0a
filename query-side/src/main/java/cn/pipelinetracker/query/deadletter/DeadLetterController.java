package cn.pipelinetracker.query.deadletter;

import cn.pipelinetracker.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code /api/v1/admin/dead-letters}: what the projections parked, and retrying or skipping it (ADMIN). */
@RestController
@RequestMapping(path = "/api/v1/admin/dead-letters", produces = "application/json")
public class DeadLetterController {

    public record DeadLetterList(List<DeadLetters.Parked> parked, List<DeadLetters.Skipped> skipped) {
    }

    public record SkipRequest(@NotBlank @Size(max = 500) String reason) {
    }

    private final DeadLetters deadLetters;
    private final CurrentUser currentUser;

    public DeadLetterController(DeadLetters deadLetters, CurrentUser currentUser) {
        this.deadLetters = deadLetters;
        this.currentUser = currentUser;
    }

    @GetMapping
    DeadLetterList list() {
        return new DeadLetterList(deadLetters.parked(), deadLetters.skipped());
    }

    @PostMapping("/{id}/retry")
    DeadLetters.Outcome retry(@PathVariable String id) {
        return deadLetters.retry(id);
    }

    @PostMapping("/{id}/skip")
    DeadLetters.Outcome skip(@PathVariable String id, @Valid @RequestBody SkipRequest body) {
        return deadLetters.skip(id, currentUser.get().name(), body.reason());
    }
}
