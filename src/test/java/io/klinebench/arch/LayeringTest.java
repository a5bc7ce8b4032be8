package io.klinebench.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The house plan, checked: doors open one way (see layersDependOnlyDownwards),
 * and wall-clock time or sleeping has no place outside the clock, the transports and the command line.
 */
class LayeringTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.klinebench");

    /**
     * time and line (the wire's vocabulary) at the bottom; fob, car, kline (link layer) and
     * serial (transports) beside each other above them, car over fob; kwp (services) joins
     * car and kline; then bench, report, cli.
     */
    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("time").definedBy("io.klinebench.time..")
                .layer("line").definedBy("io.klinebench.line..")
                .layer("fob").definedBy("io.klinebench.fob..")
                .layer("car").definedBy("io.klinebench.car..")
                .layer("kline").definedBy("io.klinebench.kline..")
                .layer("serial").definedBy("io.klinebench.serial..")
                .layer("kwp").definedBy("io.klinebench.kwp..")
                .layer("bench").definedBy("io.klinebench.bench..")
                .layer("report").definedBy("io.klinebench.report..")
                .layer("cli").definedBy("io.klinebench.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("bench").mayOnlyBeAccessedByLayers("report", "cli")
                .whereLayer("kwp").mayOnlyBeAccessedByLayers("bench", "report", "cli")
                .whereLayer("serial").mayOnlyBeAccessedByLayers("kwp", "bench", "report", "cli")
                .whereLayer("kline").mayOnlyBeAccessedByLayers("kwp", "bench", "report", "cli")
                .whereLayer("car").mayOnlyBeAccessedByLayers("kwp", "bench", "report", "cli")
                .whereLayer("fob").mayOnlyBeAccessedByLayers("car", "kwp", "bench", "report", "cli")
                .whereLayer("line").mayOnlyBeAccessedByLayers("kline", "serial", "kwp", "bench", "report", "cli")
                .check(CLASSES);
    }

    @Test
    void noWallClockOrSleepOutsideTheClockAndTheCommandLine() {
        noClasses().that().resideOutsideOfPackages("io.klinebench.time..", "io.klinebench.serial..", "io.klinebench.cli..")
                .should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .check(CLASSES);
    }

    @Test
    void nothingBelowTheCommandLinePrintsToStdout() {
        noClasses().that().resideOutsideOfPackages("io.klinebench.cli..")
                .should().accessField(System.class, "out")
                .check(CLASSES);
    }

    @Test
    void theCoreDoesNotDependOnSerialPortsOrTheCommandLineLibrary() {
        noClasses().that().resideOutsideOfPackages("io.klinebench.cli..", "io.klinebench.serial..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fazecast..", "picocli..")
                .check(CLASSES);
    }
}
