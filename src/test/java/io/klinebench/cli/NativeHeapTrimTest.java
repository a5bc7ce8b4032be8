package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeHeapTrimTest {

    /** The JVM's System.trim_native_heap exists from 17.0.9 on; the build's JVM is newer. */
    @Test
    void theJvmsOwnTrimIsFoundAndRuns() {
        assertThat(NativeHeapTrim.trimOnce()).isTrue();
    }
}
