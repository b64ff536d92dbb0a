package cn.pipelinetracker.query.deadletter;

import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.web.InputRules;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Collection;

/**
 * Refuses, before any projection handles it, an event whose values PostgreSQL cannot store: text with NUL or an
 * unpaired surrogate, a date outside PostgreSQL's range. The edge refuses such input, but an event stored before it
 * did (or written behind the application's back) would otherwise fail at its batch's commit, and the processor would
 * retry that batch forever, holding up every project of its segment. Refused here, at handling time, the event goes to
 * the processing group's dead-letter queue with its project's later events, and everyone else's carry on.
 */
@Component
public class StorableEvents implements HandlerEnhancerDefinition {

    /** An event a projection must not handle. */
    public static final class UnstorableEventException extends RuntimeException {

        UnstorableEventException(String message) {
            super(message);
        }
    }

    /** A record class's components, looked up once: reflection is costly at a rebuild's rate. */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };
    private static final LocalDate FIRST_STORABLE_DATE = LocalDate.of(-4712, 1, 1);
    private static final LocalDate LAST_STORABLE_DATE = LocalDate.of(294276, 12, 31);

    /** Throws {@link UnstorableEventException} naming the first value of the payload that cannot be stored. */
    public static void requireStorable(Object payload) {
        String problem = problemIn(payload);
        if (problem != null) {
            throw new UnstorableEventException(payload.getClass().getSimpleName() + problem);
        }
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.declaringClass().isAnnotationPresent(ProcessingGroup.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                requireStorable(message.getPayload());
                return super.handle(message, target);
            }
        };
    }

    /** What cannot be stored, from the value's path on (".name has NUL…"), or null; the path is built only then. */
    private static String problemIn(Object value) {
        if (value instanceof String text) {
            Phrase problem = InputRules.storableTextProblem(text);
            return problem == null ? null : " " + problem;
        }
        if (value instanceof LocalDate date && (date.isBefore(FIRST_STORABLE_DATE) || date.isAfter(LAST_STORABLE_DATE))) {
            return " is a date PostgreSQL cannot store: " + date;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                String problem = problemIn(item);
                if (problem != null) {
                    return "[" + index + "]" + problem;
                }
                index++;
            }
        }
        if (value instanceof Record record) {
            for (RecordComponent component : COMPONENTS.get(record.getClass())) {
                String problem;
                try {
                    problem = problemIn(component.getAccessor().invoke(record));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                if (problem != null) {
                    return "." + component.getName() + problem;
                }
            }
        }
        return null;
    }
}
