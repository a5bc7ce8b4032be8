package io.klinebench.junit;

import io.klinebench.bench.Bench;
import io.klinebench.config.ConfigException;
import io.klinebench.report.HtmlReport;
import io.klinebench.sim.VirtualCar;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link WithCar} and {@link SequenceSource} (both register it):
 *
 * <ul>
 *   <li>resolves test parameters of type {@link Bench} (a fresh car in virtual time) and {@link
 *       VirtualCar} (a fresh car in real time on a virtual serial pair, stopped after the test),
 *       as the nearest {@link WithCar} (method, then class, then enclosing classes) describes
 *       them; a bad annotation fails the test with the attribute and the cause;
 *   <li>when a test fails, attaches the HTML timeline of every bench and sequence case it ran to
 *       its report ({@link ExtensionContext#publishFile}, so IDEs and build reports list it),
 *       and prints each file's path; drawing it never hides the test's own failure.
 * </ul>
 */
public final class KlineBenchExtension
        implements ParameterResolver, BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KlineBenchExtension.class);
    private static final MediaType HTML = MediaType.create("text", "html", StandardCharsets.UTF_8);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Bench.class || type == VirtualCar.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        WithCar with = withCar(context);
        ChosenCar car = chosenCar(with);
        String title = context.getDisplayName();
        if (parameter.getParameter().getType() == Bench.class) {
            Bench bench = Bench.of(car.profile(), car.diagnostics(), car.setup());
            RunsOfThisTest.add(new RunsOfThisTest.Run(title, () -> HtmlReport.of(bench, title)));
            return bench;
        }
        try {
            VirtualCar virtual = VirtualCar.start(
                    car.profile(),
                    car.diagnostics(),
                    car.setup(),
                    with.raised() ? VirtualCar.Priority.RAISED : VirtualCar.Priority.AS_THE_PROCESS);
            if (with.raised()) {
                context.publishReportEntry("kline-bench timing", virtual.timing()); // refused too, with why
            }
            // an AutoCloseable in the test's store: JUnit closes it when the test ends, pass or fail
            context.getStore(NAMESPACE).put(parameter.getIndex() + "-virtual-car", virtual);
            RunsOfThisTest.add(new RunsOfThisTest.Run(
                    title,
                    () -> VirtualCarPage.of(virtual, title)
                            .orElseThrow(() -> new IllegalStateException("nothing was said on its K-line"))));
            return virtual;
        } catch (IOException e) {
            throw new ParameterResolutionException(
                    "kline-bench: cannot start the car on a virtual serial pair: " + e.getMessage(), e);
        }
    }

    private static WithCar withCar(ExtensionContext context) {
        return nearest(context)
                .orElseThrow(() -> new ParameterResolutionException(
                        "kline-bench: a Bench or VirtualCar parameter needs @WithCar on the test method or its class"));
    }

    private static ChosenCar chosenCar(WithCar with) {
        try {
            return ChosenCar.of(with);
        } catch (ConfigException e) {
            throw new ParameterResolutionException("kline-bench: " + e.getMessage(), e);
        }
    }

    private static Optional<WithCar> nearest(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context);
                c.isPresent();
                c = c.get().getParent()) {
            Optional<AnnotatedElement> element = c.get().getElement();
            if (element.isPresent()) {
                Optional<WithCar> found = AnnotationSupport.findAnnotation(element.get(), WithCar.class);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Before the test's @BeforeEach methods, which may take a bench too. */
    @Override
    public void beforeEach(ExtensionContext context) {
        RunsOfThisTest.begin();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RunsOfThisTest.end();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        List<RunsOfThisTest.Run> runs = RunsOfThisTest.current();
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        int n = 0;
        for (RunsOfThisTest.Run run : runs) {
            n++;
            String name = "kline-bench-timeline" + (runs.size() > 1 ? "-" + n : "") + ".html";
            attach(context, run, name);
        }
    }

    private static void attach(ExtensionContext context, RunsOfThisTest.Run run, String name) {
        String page;
        try {
            page = run.page().get();
        } catch (RuntimeException e) {
            // the test's own failure is what matters; say why there is no picture, and go on
            System.err.println("kline-bench: no timeline of '" + run.title() + "': "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return;
        }
        try {
            context.publishFile(name, HTML, file -> {
                Files.writeString(file, page, StandardCharsets.UTF_8);
                System.err.println("kline-bench: the timeline of '" + run.title() + "': " + file.toUri());
            });
        } catch (RuntimeException e) {
            Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "kline-bench", safe(context) + "-" + name);
            try {
                Files.createDirectories(fallback.getParent());
                Files.writeString(fallback, page, StandardCharsets.UTF_8);
                System.err.println("kline-bench: JUnit could not take the timeline (" + e.getMessage() + "); it is at "
                        + fallback.toUri());
            } catch (IOException io) {
                System.err.println("kline-bench: the timeline of '" + run.title() + "' could not be written: " + io);
            }
        }
    }

    private static String safe(ExtensionContext context) {
        return context.getUniqueId().replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
