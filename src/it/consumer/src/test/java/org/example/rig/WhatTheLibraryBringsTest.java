package org.example.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.bench.Bench;
import io.klinebench.report.HtmlReport;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What depending on kline-bench puts on a user's class path: the library and its honest
 * dependencies (jte's runtime for the HTML report among them), each class once; no logging
 * backend, no command-line parser and no template compiler forced on the user (the first two
 * belong to the runnable jar, classifier "cli"; templates are compiled when the library is built).
 */
class WhatTheLibraryBringsTest {

    @Test
    void noLoggingBackendAndNoCommandLineParser() {
        assertThatThrownBy(() -> Class.forName("ch.qos.logback.classic.Logger"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("picocli.CommandLine")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void everyClassOnce() throws Exception {
        for (String cls : List.of(
                "io/klinebench/bench/Bench.class",
                "com/fasterxml/jackson/databind/ObjectMapper.class",
                "com/sun/jna/Native.class",
                "com/fazecast/jSerialComm/SerialPort.class",
                "gg/jte/TemplateEngine.class",
                "org/slf4j/Logger.class")) {
            List<URL> found = Collections.list(getClass().getClassLoader().getResources(cls));
            assertThat(found).as(cls).hasSize(1);
        }
    }

    /** The HTML report's template is compiled into the library; only jte's small runtime comes with it. */
    @Test
    void theHtmlReportDrawsFromTheLibraryAlone() throws Exception {
        String page = HtmlReport.of(Bench.run("r53-2005-2008-ritual"));
        assertThat(page).startsWith("<!DOCTYPE html>").contains("data-lane=\"windows\"");
        assertThatThrownBy(() -> Class.forName("gg.jte.compiler.TemplateCompiler"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theLibraryDoesNotConfigureAnyonesLogging() throws Exception {
        assertThat(Collections.list(
                        getClass().getClassLoader().getResources("META-INF/services/ch.qos.logback.classic.spi.Configurator")))
                .isEmpty();
    }
}
