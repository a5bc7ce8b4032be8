package org.example.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What depending on kline-bench puts on a user's class path: the library and its honest
 * dependencies, each class once; no logging backend and no command-line parser forced on
 * the user (they belong to the runnable jar, classifier "cli").
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
                "org/slf4j/Logger.class")) {
            List<URL> found = Collections.list(getClass().getClassLoader().getResources(cls));
            assertThat(found).as(cls).hasSize(1);
        }
    }

    @Test
    void theLibraryDoesNotConfigureAnyonesLogging() throws Exception {
        assertThat(Collections.list(
                        getClass().getClassLoader().getResources("META-INF/services/ch.qos.logback.classic.spi.Configurator")))
                .isEmpty();
    }
}
