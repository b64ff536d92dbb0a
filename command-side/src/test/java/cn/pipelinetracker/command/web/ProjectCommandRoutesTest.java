package cn.pipelinetracker.command.web;

import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.PostMapping;

import java.lang.reflect.Method;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The paths the command endpoint serves and the bodies it reads for them are the same list of commands. */
class ProjectCommandRoutesTest {

    @Test
    void everyServedCommandPathHasItsBodyAndEveryBodyItsPath() throws NoSuchMethodException {
        Method command = Arrays.stream(ProjectCommandController.class.getDeclaredMethods())
                .filter(method -> method.getName().equals("command")).findFirst().orElseThrow();
        assertThat(Arrays.stream(command.getAnnotation(PostMapping.class).value())
                .map(path -> path.substring(path.lastIndexOf('/') + 1)))
                .containsExactlyInAnyOrderElementsOf(ProjectRequests.BY_ACTION.keySet());
    }
}
