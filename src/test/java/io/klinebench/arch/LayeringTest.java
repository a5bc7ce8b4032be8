package io.klinebench.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * The house plan, checked: each room (package) a layer, doors opening one way (see
 * layersDependOnlyDownwards), no cycles between any two packages, and wall-clock time,
 * sleeping and blocking waits only where real time is the job.
 */
class LayeringTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.klinebench");

    /**
     * Bottom to top: time and line (the wire's vocabulary and the in-memory wire); fob, car,
     * kline (link layers) and serial (transports) beside each other above them, car over fob;
     * services (application layers) over car and kline; config; bench (virtual time); trace;
     * sim (real time on a port); report; cli.
     */
    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("time")
                .definedBy("io.klinebench.time..")
                .layer("line")
                .definedBy("io.klinebench.line..")
                .layer("fob")
                .definedBy("io.klinebench.fob..")
                .layer("car")
                .definedBy("io.klinebench.car..")
                .layer("kline")
                .definedBy("io.klinebench.kline..")
                .layer("serial")
                .definedBy("io.klinebench.serial..")
                .layer("services")
                .definedBy("io.klinebench.services..")
                .layer("config")
                .definedBy("io.klinebench.config..")
                .layer("bench")
                .definedBy("io.klinebench.bench..")
                .layer("trace")
                .definedBy("io.klinebench.trace..")
                .layer("sim")
                .definedBy("io.klinebench.sim..")
                .layer("report")
                .definedBy("io.klinebench.report..")
                .layer("cli")
                .definedBy("io.klinebench.cli..")
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("report")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("sim")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("trace")
                .mayOnlyBeAccessedByLayers("sim", "report", "cli")
                .whereLayer("bench")
                .mayOnlyBeAccessedByLayers("sim", "report", "cli")
                .whereLayer("config")
                .mayOnlyBeAccessedByLayers("bench", "trace", "sim", "report", "cli")
                .whereLayer("services")
                .mayOnlyBeAccessedByLayers("config", "bench", "trace", "sim", "report", "cli")
                .whereLayer("serial")
                .mayOnlyBeAccessedByLayers("sim", "cli")
                .whereLayer("kline")
                .mayOnlyBeAccessedByLayers("services", "config", "bench", "trace", "sim", "report", "cli")
                .whereLayer("car")
                .mayOnlyBeAccessedByLayers("services", "config", "bench", "trace", "sim", "report", "cli")
                .whereLayer("fob")
                .mayOnlyBeAccessedByLayers("car", "services", "config", "bench", "trace", "sim", "report", "cli")
                .whereLayer("line")
                .mayOnlyBeAccessedByLayers(
                        "kline", "serial", "services", "config", "bench", "trace", "sim", "report", "cli")
                .check(CLASSES);
    }

    /** Not only between rooms: between any two packages, at any depth. */
    @Test
    void noCyclesBetweenAnyPackages() {
        slices().matching("io.klinebench.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void noWallClockOrSleepOutsideTheClockTheTransportsTheSimulatorAndTheCommandLine() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "io.klinebench.time..", "io.klinebench.serial..", "io.klinebench.sim..", "io.klinebench.cli..")
                .should()
                .callMethod(Thread.class, "sleep", long.class)
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime")
                .orShould()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .check(CLASSES);
    }

    /** The bench is virtual time: it never waits for real time to pass, and never touches a port. */
    @Test
    void theBenchNeverBlocksOnRealTimeNorTouchesAPort() {
        noClasses()
                .that()
                .resideInAPackage("io.klinebench.bench..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.klinebench.serial..", "io.klinebench.sim..", "java.util.concurrent..", "com.fazecast..")
                .orShould()
                .callMethod(Thread.class, "sleep", long.class)
                .orShould()
                .callMethod(Object.class, "wait", long.class)
                .orShould()
                .callMethod(Thread.class, "join", long.class)
                .check(CLASSES);
    }

    @Test
    void nothingBelowTheCommandLinePrintsToStdout() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.klinebench.cli..")
                .should()
                .accessField(System.class, "out")
                .check(CLASSES);
    }

    @Test
    void theCoreDoesNotDependOnSerialPortsOrTheCommandLineLibrary() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.klinebench.cli..", "io.klinebench.serial..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.fazecast..", "picocli..")
                .check(CLASSES);
    }
}
