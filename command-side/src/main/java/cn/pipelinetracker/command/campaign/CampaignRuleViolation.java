package cn.pipelinetracker.command.campaign;

import java.util.Arrays;
import java.util.List;

/**
 * A command broke one of the campaign's rules; nothing was applied. The message is English; {@link #args()} are the
 * values it names, for the same sentence in another language (bundle key {@code rule.<rule-slug>}).
 */
public class CampaignRuleViolation extends RuntimeException {

    private final CampaignRule rule;
    private final transient List<Object> args;

    public CampaignRuleViolation(CampaignRule rule, String message, Object... args) {
        super(message);
        this.rule = rule;
        this.args = Arrays.asList(args);
    }

    public CampaignRule rule() {
        return rule;
    }

    public List<Object> args() {
        return args;
    }
}
