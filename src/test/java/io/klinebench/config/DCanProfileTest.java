package io.klinebench.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.protocol.DCan;
import io.klinebench.protocol.DiagnosticProfile;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The R56 on D-CAN is its own profile (one diagnostics face per profile, chosen by name in
 * sim, run and sequences) whose car is r56-2007-2013's line for line: only the name, the
 * summary and the diagnostics section differ. A D-CAN section's fields load, and a wrong one
 * is an error at its place.
 */
class DCanProfileTest {

    static String car(String profile) throws Exception {
        String text = Files.readString(Path.of("bench-config/profiles/" + profile + ".yaml"));
        return text.substring(text.indexOf("\ndoors:"), text.indexOf("\ndiagnostics:"));
    }

    @Test
    void theCarIsTheKLineR56sLineForLine() throws Exception {
        assertThat(car("r56-2007-2013-dcan")).isEqualTo(car("r56-2007-2013"));
        DiagnosticProfile kline = ProfileCatalog.builtIn().loadDiagnostics("r56-2007-2013");
        DiagnosticProfile dcan = ProfileCatalog.builtIn().loadDiagnostics("r56-2007-2013-dcan");
        assertThat(dcan.protocol()).isInstanceOf(DCan.class);
        assertThat(dcan.lineDescription())
                .isEqualTo("protocol D-CAN, 115200 baud 8N1, ECU address 0x40 (tester 0xF1; a K+DCAN cable in D-CAN"
                        + " mode, 500 kbit/s CAN)");
        assertThat(dcan.security()).isEqualTo(kline.security());
        assertThat(dcan.identification()).isEqualTo(kline.identification());
        assertThat(dcan.vin()).isEqualTo(kline.vin());
    }

    @Test
    void anAnswerDelayBeyondP2IsAnErrorAtItsPlace() {
        String yaml = "diagnostics:\n  protocol: dcan\n  address: 0x40\n  baud: 115200\n  framing: 8N1\n"
                + "  ecu-p2: 51ms\n  vin: WMWMF33589TX12345\n"
                + "  security: {max-attempts: 2, lockout: 10s, power-on-delay: 10s}\n";
        Assertions.assertThatThrownBy(() -> DiagnosticsLoader.read("p.yaml", new StringReader(yaml)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("p.yaml:6:")
                .hasMessageContaining("diagnostics.ecu-p2: the module must answer within P2max (50ms, ISO 15765-3)");
    }

    @Test
    void aKLineFieldInADCanSectionIsRefused() {
        String yaml = "diagnostics:\n  protocol: dcan\n  address: 0x40\n  baud: 115200\n  framing: 8N1\n"
                + "  key-bytes: [0xEF, 0x8F]\n  vin: WMWMF33589TX12345\n"
                + "  security: {max-attempts: 2, lockout: 10s, power-on-delay: 10s}\n";
        Assertions.assertThatThrownBy(() -> DiagnosticsLoader.read("p.yaml", new StringReader(yaml)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key-bytes");
    }
}
