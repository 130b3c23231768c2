package com.merchantpay.reconciliation.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;

@AnalyzeClasses(packages = "com.merchantpay", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles =
            slices().matching("com.merchantpay.reconciliation.(*)..").should().beFreeOfCycles();

    /** Only the shared contract modules; never another service, the sandbox or test support. */
    @ArchTest
    static final ArchRule onlySharedModulesAreImported = noClasses()
            .that().resideInAPackage("com.merchantpay.reconciliation..")
            .should().dependOnClassesThat(DescribedPredicate.describe("in another service or module",
                    (JavaClass target) -> target.getPackageName().startsWith("com.merchantpay.")
                            && Stream.of("reconciliation", "schemas", "events", "useepay")
                                    .noneMatch(shared -> target.getPackageName().startsWith("com.merchantpay." + shared))));

    /** The schedule is a pure calculation: no Kafka, no HTTP, no Spring. */
    @ArchTest
    static final ArchRule scheduleIsPure = noClasses()
            .that().resideInAPackage("com.merchantpay.reconciliation.schedule..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework..",
                    "reactor..", "com.merchantpay.reconciliation.tracking..", "com.merchantpay.reconciliation.query..");
}
