package dev.mailflow.diagnosis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The diagnosis is a pure function over smtp values: it uses no other mailflow package. */
class DiagnosisArchitectureTest {

    @Test
    void diagnosisUsesOnlySmtpTypes() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mailflow.diagnosis");
        noClasses()
                .that()
                .resideInAPackage("dev.mailflow.diagnosis..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.mailflow.dns..",
                        "dev.mailflow.egress..",
                        "dev.mailflow.probe..",
                        "dev.mailflow.web..",
                        "dev.mailflow.metrics..",
                        "dev.mailflow.history..",
                        "org.springframework..",
                        "java.net..",
                        "java.nio.channels..")
                .check(classes);
    }
}
