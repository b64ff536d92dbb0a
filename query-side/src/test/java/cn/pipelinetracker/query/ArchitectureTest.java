package cn.pipelinetracker.query;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.pipelinetracker.query");

    @Test
    void projectionsNeverSendCommands() {
        noClasses().that().haveSimpleNameEndingWith("Projection")
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling..")
                .check(CLASSES);
    }

    @Test
    void theQuerySideNeverCallsTheCommandSide() {
        noClasses().should().dependOnClassesThat().resideInAPackage("cn.pipelinetracker.command..")
                .check(CLASSES);
    }

    @Test
    void everyProjectionNamesItsProcessingGroup() {
        classes().that().haveSimpleNameEndingWith("Projection")
                .should().beAnnotatedWith(org.axonframework.config.ProcessingGroup.class)
                .check(CLASSES);
    }
}
