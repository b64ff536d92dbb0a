package cn.pipelinetracker.command.project;

/** A command broke one of the project's rules; nothing was applied. */
public class ProjectRuleViolation extends RuntimeException {

    private final ProjectRule rule;

    public ProjectRuleViolation(ProjectRule rule, String message) {
        super(message);
        this.rule = rule;
    }

    public ProjectRule rule() {
        return rule;
    }
}
