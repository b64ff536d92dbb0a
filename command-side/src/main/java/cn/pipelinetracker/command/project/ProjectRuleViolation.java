package cn.pipelinetracker.command.project;

import java.util.Arrays;
import java.util.List;

/**
 * A command broke one of the project's rules; nothing was applied. The message is English; {@link #args()} are the
 * values it names, for the same sentence in another language (bundle key {@code rule.<rule-slug>}).
 */
public class ProjectRuleViolation extends RuntimeException {

    private final ProjectRule rule;
    private final String field;
    private final transient List<Object> args;

    public ProjectRuleViolation(ProjectRule rule, String message, Object... args) {
        this(rule, null, message, Arrays.asList(args));
    }

    private ProjectRuleViolation(ProjectRule rule, String field, String message, List<Object> args) {
        super(message);
        this.rule = rule;
        this.field = field;
        this.args = args;
    }

    /** A violation caused by one field of the command, named as in the request. */
    public static ProjectRuleViolation ofField(ProjectRule rule, String field, String message, Object... args) {
        return new ProjectRuleViolation(rule, field, message, Arrays.asList(args));
    }

    public ProjectRule rule() {
        return rule;
    }

    /** The request field at fault, or null when the project's state is. */
    public String field() {
        return field;
    }

    public List<Object> args() {
        return args;
    }
}
