package cn.pipelinetracker.command.project;

/** A command broke one of the project's rules; nothing was applied. */
public class ProjectRuleViolation extends RuntimeException {

    private final ProjectRule rule;
    private final String field;

    public ProjectRuleViolation(ProjectRule rule, String message) {
        this(rule, null, message);
    }

    /** A violation caused by one field of the command, named as in the request. */
    public ProjectRuleViolation(ProjectRule rule, String field, String message) {
        super(message);
        this.rule = rule;
        this.field = field;
    }

    public ProjectRule rule() {
        return rule;
    }

    /** The request field at fault, or null when the project's state is. */
    public String field() {
        return field;
    }
}
