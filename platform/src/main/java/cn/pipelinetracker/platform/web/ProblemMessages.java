package cn.pipelinetracker.platform.web;

import cn.pipelinetracker.platform.i18n.Phrase;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.LocaleResolver;

import java.util.List;
import java.util.Locale;

/**
 * Renders problems in the reader's language: Chinese for {@code Accept-Language: zh…}, English otherwise (contract,
 * "Pages for every role"). Titles are looked up as {@code problem.<type>.title}, details and field messages by their
 * {@link Phrase} keys, all in the bundle {@code i18n/problems}; what has no entry stays in English. {@code type} and
 * {@code status} never change with the language.
 */
public class ProblemMessages {

    private final MessageSource messages;
    private final LocaleResolver locales;

    public ProblemMessages(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    public Locale localeOf(HttpServletRequest request) {
        return locales.resolveLocale(request);
    }

    public String text(Phrase message, Locale locale) {
        if (message.key() == null) {
            return message.english();
        }
        Object[] args = message.args().stream()
                .map(arg -> arg instanceof Phrase nested ? text(nested, locale) : arg)
                .toArray();
        return messages.getMessage(message.key(), args, message.english(), locale);
    }

    public ProblemDetail render(HttpStatusCode status, String type, String title, Phrase detail,
                                List<FieldProblem> errors, Locale locale) {
        List<FieldProblem> rendered = errors.stream()
                .map(error -> new FieldProblem(error.field(), text(error.localized(), locale), error.localized()))
                .toList();
        return ProblemAdvice.problem(status, type,
                messages.getMessage("problem." + type + ".title", null, title, locale),
                text(detail, locale), rendered);
    }

    public ProblemDetail render(ProblemException problem, HttpServletRequest request) {
        return render(problem.status(), problem.type(), problem.title(), problem.detail(), problem.errors(),
                localeOf(request));
    }
}
