package com.merchantpay.baseline.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.merchantpay.baseline", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule feature_packages_have_no_cycles =
            slices().matching("com.merchantpay.baseline.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule only_shared_modules_are_imported = noClasses().that().resideInAPackage("com.merchantpay.baseline..")
            .should().dependOnClassesThat(DescribedPredicate.describe("another service's or test module's class",
                    javaClass -> javaClass.getPackageName().startsWith("com.merchantpay.")
                            && !javaClass.getPackageName().startsWith("com.merchantpay.baseline")
                            && !javaClass.getPackageName().startsWith("com.merchantpay.schemas")
                            && !javaClass.getPackageName().startsWith("com.merchantpay.events")
                            && !javaClass.getPackageName().startsWith("com.merchantpay.useepay")));

    @ArchTest
    static final ArchRule no_junk_drawer_names = noClasses().should().haveSimpleNameEndingWith("Util")
            .orShould().haveSimpleNameEndingWith("Utils").orShould().haveSimpleNameEndingWith("Helper")
            .orShould().haveSimpleNameEndingWith("Manager").orShould().haveSimpleNameEndingWith("Data");
}
