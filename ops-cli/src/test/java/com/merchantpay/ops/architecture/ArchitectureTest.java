package com.merchantpay.ops.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.merchantpay.ops", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices().matching("com.merchantpay.ops.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule usesOnlySharedModulesOfTheProject = noClasses().that().resideInAPackage("com.merchantpay.ops..")
            .should().dependOnClassesThat(resideInAPackage("com.merchantpay..")
                    .and(not(resideInAnyPackage("com.merchantpay.ops..", "com.merchantpay.schemas..", "com.merchantpay.events.."))));

    @ArchTest
    static final ArchRule featuresDoNotReachIntoEachOther = noClasses()
            .that().resideInAnyPackage("com.merchantpay.ops.history..", "com.merchantpay.ops.replay..", "com.merchantpay.ops.lag..")
            .should().dependOnClassesThat().resideInAnyPackage("com.merchantpay.ops.deadletter..");

    @ArchTest
    static final ArchRule noSpringInTheTool = noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..");
}
