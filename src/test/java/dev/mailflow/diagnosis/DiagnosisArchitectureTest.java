package dev.mailflow.diagnosis;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.mailflow.dns.DnsOutcome;
import dev.mailflow.dns.MxFlaw;
import dev.mailflow.dns.MxHost;
import dev.mailflow.dns.MxPlan;
import org.junit.jupiter.api.Test;

/**
 * The diagnosis is a pure function over values: smtp's replies and results, and the MX plan as a
 * value. It never resolves, connects or reaches any other mailflow package.
 */
class DiagnosisArchitectureTest {

    private static final JavaClasses DIAGNOSIS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mailflow.diagnosis");

    @Test
    void diagnosisUsesOnlySmtpTypes() {
        noClasses()
                .that()
                .resideInAPackage("dev.mailflow.diagnosis..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.mailflow.egress..",
                        "dev.mailflow.probe..",
                        "dev.mailflow.web..",
                        "dev.mailflow.metrics..",
                        "dev.mailflow.history..",
                        "org.springframework..",
                        "java.net..",
                        "java.nio.channels..")
                .check(DIAGNOSIS);
    }

    @Test
    void ofDnsOnlyThePlanAsAValue() {
        noClasses()
                .that()
                .resideInAPackage("dev.mailflow.diagnosis..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.mailflow.dns..")
                        .and(not(belongToAnyOf(MxPlan.class, MxHost.class, DnsOutcome.class, MxFlaw.class))))
                .because("the resolver and its records stay in dns; the diagnosis reads the finished plan")
                .check(DIAGNOSIS);
    }
}
