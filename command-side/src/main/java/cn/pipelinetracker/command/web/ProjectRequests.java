package cn.pipelinetracker.command.web;

import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.ProductionScope;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The bodies of the command endpoints, exactly as the HTTP contract names their fields. Amounts are yuan with at
 * most two decimals; dates are ISO {@code YYYY-MM-DD}.
 */
public final class ProjectRequests {

    private ProjectRequests() {
    }

    public record RegisterProject(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 200) String investor,
            @NotBlank String regionCode,
            @NotBlank String industry,
            @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal plannedInvestmentYuan,
            @Size(min = 1, max = 64) @Pattern(regexp = "[0-9A-Za-z-]+", message = "may contain letters, digits and '-' only")
            String projectCode,
            @Size(min = 1, max = 100) String sourceRegion,
            LocalDate registeredOn,
            @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal landAreaMu,
            @PositiveOrZero @Max(10_000_000) Integer expectedJobs,
            @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags) {
    }

    public record SignProject(
            @NotNull LocalDate signedOn,
            @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal contractedInvestmentYuan) {
    }

    public record StartConstruction(@NotNull LocalDate startedOn) {
    }

    public record CompleteConstruction(@NotNull LocalDate completedOn) {
    }

    public record StartProduction(@NotNull LocalDate startedOn, ProductionScope scope) {
    }

    public record ReviseInvestment(
            @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal plannedInvestmentYuan,
            @NotBlank @Size(max = 500) String reason) {
    }

    public record ReportProgress(
            @NotNull LocalDate asOf,
            @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal completedInvestmentYuan,
            @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal constructionProgressPercent) {
    }

    /** The body of suspend, cancel and void: why. */
    public record Reason(@NotBlank @Size(max = 500) String reason) {
    }

    /** The body of resume: why, if anyone cares to say. */
    public record OptionalReason(@Size(min = 1, max = 500) String reason) {
    }

    public record CorrectMilestone(
            @NotNull Milestone milestone,
            @NotNull LocalDate date,
            @NotBlank @Size(max = 500) String reason) {
    }
}
