package com.merchantpay.notify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.merchantpay", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("com.merchantpay.notify.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theTwoFeaturesDoNotKnowEachOther = noClasses()
            .that().resideInAPackage("com.merchantpay.notify.ingest..")
            .should().dependOnClassesThat().resideInAPackage("com.merchantpay.notify.outcome..");

    @ArchTest
    static final ArchRule outcomeDoesNotKnowIngest = noClasses()
            .that().resideInAPackage("com.merchantpay.notify.outcome..")
            .should().dependOnClassesThat().resideInAPackage("com.merchantpay.notify.ingest..");

    @ArchTest
    static final ArchRule onlySharedModulesFromOtherTeams = noClasses()
            .that().resideInAPackage("com.merchantpay.notify..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.merchantpay.order..", "com.merchantpay.gateway..", "com.merchantpay.reconciliation..",
                    "com.merchantpay.sandbox..", "com.merchantpay.ops..", "com.merchantpay.localstack..",
                    "com.merchantpay.testsupport..");
}
