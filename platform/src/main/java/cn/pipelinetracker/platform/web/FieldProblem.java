package cn.pipelinetracker.platform.web;

import cn.pipelinetracker.platform.i18n.Phrase;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One invalid field of a request, as listed in a problem's {@code errors}: the field, and what is wrong with it (in
 * the reader's language once {@link ProblemMessages} has rendered it).
 */
public record FieldProblem(String field, String message, @JsonIgnore Phrase localized) {

    public FieldProblem(String field, String message) {
        this(field, message, Phrase.english(message));
    }

    public FieldProblem(String field, Phrase message) {
        this(field, message.english(), message);
    }
}
