package dev.mailflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Test classes end in {@code Test} ({@code SystemTest} for the system tier), or {@code Properties}
 * for jqwik properties: the build runs exactly those, so a class named otherwise would never run.
 */
@AnalyzeClasses(packages = "dev.mailflow", importOptions = ImportOption.OnlyIncludeTests.class)
class TestNamesTest {

    private static final DescribedPredicate<JavaClass> HOLD_TESTS = DescribedPredicate.describe(
            "hold tests",
            c -> !c.isNestedClass()
                    && c.getMethods().stream()
                            .anyMatch(m -> m.isAnnotatedWith("org.junit.jupiter.api.Test")
                                    || m.isAnnotatedWith("org.junit.jupiter.params.ParameterizedTest")
                                    || m.isAnnotatedWith("net.jqwik.api.Property")));

    @ArchTest
    static final ArchRule testClassesEndInTest = classes()
            .that(HOLD_TESTS)
            .should()
            .haveSimpleNameEndingWith("Test")
            .orShould()
            .haveSimpleNameEndingWith("Properties");
}
