package cn.pipelinetracker.command.handling;

import java.util.function.BiConsumer;

/**
 * A rule that spans projects (a project code is unique; a project's region is recorded; an actor acts in its own
 * region subtree), checked by {@link Commands} in the same transaction as the command's events, before the aggregate
 * sees the command. Each rule is a bean of its own, named for what it keeps true, and applies to the commands of its
 * type; a broken rule throws {@link CommandRefusal}.
 *
 * @param <C> the commands it applies to
 */
public interface CrossProjectRule<C> {

    Class<C> commandType();

    void apply(C command, CommandEnvelope envelope);

    /** A rule for the commands of one type, as a bean method's body: {@code of(Type.class, (command, e) -> ...)}. */
    static <C> CrossProjectRule<C> of(Class<C> commandType, BiConsumer<C, CommandEnvelope> rule) {
        return new CrossProjectRule<>() {
            @Override
            public Class<C> commandType() {
                return commandType;
            }

            @Override
            public void apply(C command, CommandEnvelope envelope) {
                rule.accept(command, envelope);
            }
        };
    }
}
