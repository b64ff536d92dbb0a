package cn.pipelinetracker.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.pipelinetracker.command");

    @Test
    void theAggregateKnowsNothingOfWebOrDatabase() {
        noClasses().that().resideInAnyPackage("..command.project..", "..command.campaign..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework.web..", "org.springframework.jdbc..", "jakarta.servlet..",
                        "..command.web..", "..platform.web..")
                .check(CLASSES);
    }

    @Test
    void theCommandSideNeverReadsTheQuerySide() {
        noClasses().should().dependOnClassesThat().resideInAPackage("cn.pipelinetracker.query..")
                .check(CLASSES);
    }

    @Test
    void theAggregatePackageHoldsTheAggregateAndItsCommands() {
        classes().that().haveSimpleNameEndingWith("Command")
                .should().resideInAnyPackage("..command.project..", "..command.account..", "..command.campaign..",
                        "..command.publication..", "..command.period..")
                .check(CLASSES);
    }

    /** An account's package holds its web and table code too (package by feature); the aggregate itself does not. */
    @Test
    void everyAggregateKnowsNothingOfWebOrDatabase() {
        noClasses().that().areAnnotatedWith(Aggregate.class)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework.web..", "org.springframework.jdbc..", "jakarta.servlet..",
                        "..command.web..", "..platform.web..")
                .check(CLASSES);
    }
}
