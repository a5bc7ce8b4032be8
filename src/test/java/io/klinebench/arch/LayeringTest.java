package io.klinebench.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
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
     * The rooms, bottom to top: each may use only those below it. time and line (the wire's
     * vocabulary and the in-memory wire); fob, car (the module, over fob), kline (link layers)
     * and serial (transports), which never use each other but car over fob (see below); dcan
     * (D-CAN: BMW-FAST, ISO-TP, the CAN bus, over kline's frame decoder and link events);
     * services (application layers, over car and kline); protocol (one member per protocol,
     * joining its link layer and its application layer); config (YAML with positions,
     * profiles); trace (the trace file); replay (a recording answered back
     * by the profile's link layer); bench (virtual time); sim (real time on a port);
     * report; sweep (a bench sequence over a grid, on a thread pool); junit (the JUnit 5
     * extension, over bench, sim and report); cli.
     */
    static final List<String> ROOMS = List.of(
            "time",
            "line",
            "fob",
            "car",
            "kline",
            "serial",
            "dcan",
            "services",
            "protocol",
            "config",
            "trace",
            "replay",
            "bench",
            "sim",
            "report",
            "sweep",
            "junit",
            "cli");

    @Test
    void layersDependOnlyDownwards() {
        Architectures.LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String room : ROOMS) {
            layers = layers.layer(room).definedBy("io.klinebench." + room + "..");
        }
        for (int i = 0; i < ROOMS.size(); i++) {
            List<String> above = ROOMS.subList(i + 1, ROOMS.size());
            layers = above.isEmpty()
                    ? layers.whereLayer(ROOMS.get(i)).mayNotBeAccessedByAnyLayer()
                    : layers.whereLayer(ROOMS.get(i)).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
        }
        layers.check(CLASSES);
    }

    /** The transports move stamped bytes and know nothing of frames, cars or K-line timing; only real time uses them. */
    @Test
    void theTransportsStandApart() {
        noClasses()
                .that()
                .resideInAPackage("io.klinebench.serial..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.klinebench.fob..",
                        "io.klinebench.car..",
                        "io.klinebench.kline..",
                        "io.klinebench.services..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideOutsideOfPackages("io.klinebench.serial..", "io.klinebench.sim..", "io.klinebench.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.klinebench.serial..")
                .check(CLASSES);
    }

    /** JavaCAN (SocketCAN) stays behind dcan.CanSocket: only its implementation and the frame conversion see it. */
    @Test
    void javaCanStaysBehindTheCanSocket() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("io.klinebench.dcan.SocketCan")
                .and()
                .doNotHaveFullyQualifiedName("io.klinebench.dcan.JavaCanFrames")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("tel.schich..")
                .check(CLASSES);
    }

    /** The module never sees bytes: it is driven by inputs and by the application layers. */
    @Test
    void theCarNeverSeesTheLine() {
        noClasses()
                .that()
                .resideInAnyPackage("io.klinebench.car..", "io.klinebench.fob..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.klinebench.line..", "io.klinebench.kline..")
                .check(CLASSES);
    }

    /** Every package is a room of the plan above, and says its job and what it uses in its package-info. */
    @Test
    void everyPackageIsARoomThatSaysItsJob() throws IOException {
        Path sources = Path.of("src/main/java/io/klinebench");
        try (Stream<Path> dirs = Files.list(sources)) {
            assertThat(dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(ROOMS);
        }
        for (String room : ROOMS) {
            Path info = sources.resolve(room).resolve("package-info.java");
            assertThat(info).as(room).exists();
            assertThat(Files.readString(info)).as(room).contains("Uses: ");
        }
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
