package cn.pipelinetracker.platform.web;

import cn.pipelinetracker.platform.i18n.Phrase;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * {@link InputRules} for every text, date and instant of every JSON request body: a value that breaks one is a 400
 * naming its field, before any command is made of it. Dates are exactly {@code YYYY-MM-DD} (Jackson's own reader also
 * takes {@code 2024-01-05T00:00:00Z} as a date).
 */
public final class StrictInputModule extends SimpleModule {

    /** A value that breaks one of {@link InputRules}; its message says what, in the client's terms. */
    public static final class InputRuleViolation extends InvalidFormatException {

        private final transient Phrase problem;

        InputRuleViolation(JsonParser parser, Phrase problem, Object value, Class<?> type) {
            super(parser, problem.english(), value, type);
            this.problem = problem;
        }

        public Phrase problem() {
            return problem;
        }
    }

    public StrictInputModule() {
        super("pipeline-strict-input");
        addDeserializer(String.class, new Text());
        addDeserializer(LocalDate.class, new FromString<>(LocalDate.class, InputRules::parseDate));
        addDeserializer(Instant.class, new FromString<>(Instant.class, InputRules::parseInstant));
    }

    /** Not a subclass of Jackson's own: that one is marked standard, and Jackson then reads strings around it. */
    private static final class Text extends StdScalarDeserializer<String> {

        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String text = StringDeserializer.instance.deserialize(parser, context);
            Phrase problem = text == null ? null : InputRules.textProblem(text);
            if (problem != null) {
                throw new InputRuleViolation(parser, problem, text, String.class);
            }
            return text;
        }
    }

    /** A value written as a JSON string and read by one of the rules' parsers. */
    private static final class FromString<T> extends StdScalarDeserializer<T> {

        private final Function<String, T> parse;

        FromString(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (T) context.handleUnexpectedToken(handledType(), parser);
            }
            String text = parser.getString();
            try {
                return parse.apply(text);
            } catch (InputRules.InputRuleException refused) {
                throw new InputRuleViolation(parser, refused.problem(), text, handledType());
            }
        }
    }
}
