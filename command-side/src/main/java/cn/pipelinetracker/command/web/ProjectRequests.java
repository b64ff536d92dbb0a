package cn.pipelinetracker.command.web;

import cn.pipelinetracker.command.project.CancelProjectCommand;
import cn.pipelinetracker.command.project.CompleteConstructionCommand;
import cn.pipelinetracker.command.project.CorrectDetailsCommand;
import cn.pipelinetracker.command.project.CorrectMilestoneCommand;
import cn.pipelinetracker.command.project.ProjectCommand;
import cn.pipelinetracker.command.project.RegisterProjectCommand;
import cn.pipelinetracker.command.project.ReportProgressCommand;
import cn.pipelinetracker.command.project.ResumeProjectCommand;
import cn.pipelinetracker.command.project.ReviseInvestmentCommand;
import cn.pipelinetracker.command.project.SignProjectCommand;
import cn.pipelinetracker.command.project.StartConstructionCommand;
import cn.pipelinetracker.command.project.StartProductionCommand;
import cn.pipelinetracker.command.project.SuspendProjectCommand;
import cn.pipelinetracker.command.project.VoidProjectCommand;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.ProductionScope;
import cn.pipelinetracker.events.RegionCode;
import jakarta.validation.constraints.AssertTrue;
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
import java.util.Map;

/**
 * The bodies of the command endpoints, exactly as the HTTP contract names their fields, each with the command it
 * makes. Amounts are yuan with at most two decimals; dates are ISO {@code YYYY-MM-DD}.
 */
public final class ProjectRequests {

    /** The body of a command on an existing project. */
    public sealed interface ProjectCommandRequest {

        ProjectCommand toCommand(String projectId, Long expectedVersion);
    }

    /** Each command on an existing project by the path segment that names it ({@code POST …/{id}/sign}). */
    public static final Map<String, Class<? extends ProjectCommandRequest>> BY_ACTION = Map.ofEntries(
            Map.entry("sign", SignProject.class),
            Map.entry("start-construction", StartConstruction.class),
            Map.entry("complete-construction", CompleteConstruction.class),
            Map.entry("start-production", StartProduction.class),
            Map.entry("revise-investment", ReviseInvestment.class),
            Map.entry("report-progress", ReportProgress.class),
            Map.entry("suspend", Suspend.class),
            Map.entry("resume", Resume.class),
            Map.entry("cancel", Cancel.class),
            Map.entry("void", VoidProject.class),
            Map.entry("correct-milestone", CorrectMilestone.class),
            Map.entry("correct-details", CorrectDetails.class));

    private ProjectRequests() {
    }

    public record RegisterProject(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 200) String investor,
            @NotBlank @Pattern(regexp = RegionCode.WELL_FORMED, message = "{field.region-code}") String regionCode,
            @NotBlank @Pattern(regexp = IndustryCode.WELL_FORMED, message = "{field.industry}") String industry,
            @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal plannedInvestmentYuan,
            @Size(min = 1, max = 64) @Pattern(regexp = "[0-9A-Za-z-]+", message = "{field.project-code}")
            String projectCode,
            @Size(min = 1, max = 100) String sourceRegion,
            LocalDate registeredOn,
            @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal landAreaMu,
            @PositiveOrZero @Max(10_000_000) Integer expectedJobs,
            @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags) {

        /** The registration of a new project; registered today (in the bureau's calendar) unless a date is given. */
        public RegisterProjectCommand toCommand(String projectId, LocalDate today) {
            return new RegisterProjectCommand(projectId, projectCode, name, investor, RegionCode.of(regionCode),
                    IndustryCode.of(industry), sourceRegion, Money.ofYuan(plannedInvestmentYuan),
                    registeredOn == null ? today : registeredOn, landAreaMu, expectedJobs, tags);
        }
    }

    public record SignProject(
            @NotNull LocalDate signedOn,
            @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal contractedInvestmentYuan)
            implements ProjectCommandRequest {

        @Override
        public ProjectCommand toCommand(String projectId, Long expectedVersion) {
            return new SignProjectCommand(projectId, expectedVersion, signedOn, money(contractedInvestmentYuan));
        }
    }

    public record StartConstruction(@NotNull LocalDate startedOn) implements ProjectCommandRequest {

        @Override
        public ProjectCommand toCommand(String projectId, Long expectedVersion) {
            return new StartConstructionCommand(projectId, expectedVersion, startedOn);
        }
    }

    public record CompleteConstruction(@NotNull LocalDate completedOn) implements ProjectCommandRequest {

        @Override
        public ProjectCommand toCommand(String projectId, Long expectedVersion) {
            return new CompleteConstructionCommand(projectId, expectedVersion, completedOn);
        }
    }

    public record StartProduction(@NotNull LocalDate startedOn, ProductionScope scope)
            implements ProjectCommandRequest {

        @Override
        public ProjectCommand toCommand(String projectId, Long expectedVersion) {
            return new StartProductionCommand(projectId, expectedVersion, startedOn, scope);
        }
    }

    public record ReviseInvestment(
            @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal plannedInvestmentYuan,
            @NotBlank @Size(max = 500) String reason) implements ProjectCommandRequest {

        @Override
        public ProjectCommand toCommand(String projectId, Long expectedVersion) {
            return new ReviseInvestmentCommand(projectId, expectedVersion, Money.ofYuan(plannedInvestmentYuan), reason);
        }
    }

    public record ReportProgress(
            @NotNull LocalDate asOf,
            @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal completedInvestmentYuan,
            @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal constructionProgressPercent,
            @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal fundsInPlaceYuan)
            implements ProjectCommandRequest {

        @AssertTrue(message = "{field.progress-required}")
        boolean isCompletedInvestmentYuan() {
            return completedInvestmentYuan != null || constructionProgressPercent != null || fundsInPlaceYuan != null;
        }

        @Override
        public ProjectCommand toCommand(String projectId, Long expectedVersion) {
            return new ReportProgressCommand(projectId, expectedVersion, asOf, money(completedInvestmentYuan),
                    constructionProgressPercent, money(fundsInPlaceYuan));
        }
    }

    public record Suspend(@NotBlank @Size(max = 500) String reason) implements ProjectCommandRequest {

        @Override
        public ProjectCommand toCommand(String projectId, Long expectedVersion) {
            return new SuspendProjectCommand(projectId, expectedVersion, reason);
        }
    }

    /** The body of resume: why, if anyone cares to say (the body itself may be left out). */
    public record Resume(@Size(min = 1, max = 500) String reason) implements ProjectCommandRequest {

        @Override
        public ProjectCommand toCommand(String projectId, Long expectedVersion) {
            return new ResumeProjectCommand(projectId, expectedVersion, reason);
        }
    }

    public record Cancel(@NotBlank @Size(max = 500) String reason) implements ProjectCommandRequest {

        @Override
        public ProjectCommand toCommand(String projectId, Long expectedVersion) {
            return new CancelProjectCommand(projectId, expectedVersion, reason);
        }
    }

    public record VoidProject(@NotBlank @Size(max = 500) String reason) implements ProjectCommandRequest {

        @Override
        public ProjectCommand toCommand(String projectId, Long expectedVersion) {
            return new VoidProjectCommand(projectId, expectedVersion, reason);
        }
    }

    public record CorrectMilestone(
            @NotNull Milestone milestone,
            @NotNull LocalDate date,
            @NotBlank @Size(max = 500) String reason) implements ProjectCommandRequest {

        @Override
        public ProjectCommand toCommand(String projectId, Long expectedVersion) {
            return new CorrectMilestoneCommand(projectId, expectedVersion, milestone, date, reason);
        }
    }

    /** Facts recorded wrong at registration: any of them, and why. */
    public record CorrectDetails(
            @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "{field.not-blank}") String name,
            @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "{field.not-blank}") String investor,
            @Pattern(regexp = IndustryCode.WELL_FORMED, message = "{field.industry}") String industry,
            @Pattern(regexp = RegionCode.WELL_FORMED, message = "{field.region-code}") String regionCode,
            @Size(min = 1, max = 64) @Pattern(regexp = "[0-9A-Za-z-]+", message = "{field.project-code}")
            String projectCode,
            @Size(min = 1, max = 100) String sourceRegion,
            @NotBlank @Size(max = 500) String reason) implements ProjectCommandRequest {

        @AssertTrue(message = "{field.correction-required}")
        boolean isReason() {
            return name != null || investor != null || industry != null || regionCode != null || projectCode != null
                    || sourceRegion != null;
        }

        @Override
        public ProjectCommand toCommand(String projectId, Long expectedVersion) {
            return new CorrectDetailsCommand(projectId, expectedVersion, name, investor,
                    industry == null ? null : IndustryCode.of(industry),
                    regionCode == null ? null : RegionCode.of(regionCode), projectCode, sourceRegion, reason);
        }
    }

    private static Money money(BigDecimal yuan) {
        return yuan == null ? null : Money.ofYuan(yuan);
    }
}
