package io.klinebench.services;

import static io.klinebench.services.Diag.R53_2002;
import static io.klinebench.services.Diag.R53_2005;
import static io.klinebench.services.Diag.SERIAL_A;
import static io.klinebench.services.Diag.SERIAL_NEW;
import static io.klinebench.services.Diag.SILENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.car.CarEvent.LockState;
import io.klinebench.car.FaultMemory.Fault;
import io.klinebench.fob.RollingCodeCipher;
import io.klinebench.kline.Ds2Telegram;
import io.klinebench.kline.Reply;
import io.klinebench.line.Hex;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.protocol.Ds2;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every DS2 job of our BC1, positive and negative, on the real profiles. */
class Ds2ServicesTest {

    private static final String VIN = "WMWRE33546TN12345";

    private static Diag withNewRemote() {
        return Diag.of(
                R53_2005,
                CarSetup.of(
                        KeySpec.remoteKey("A", SERIAL_A, 0),
                        KeySpec.remoteKey("N", SERIAL_NEW, 0).notLearned()));
    }

    private static Diag unlocked() {
        Diag d = Diag.of(R53_2005);
        assertThat(d.unlockDs2()).isEqualTo("A0");
        return d;
    }

    @Nested
    class Ident {

        @Test
        void identAnswersTheTwelveByteRecordWithStatusA0() {
            // part number 6 135 694, hardware 03, coding index 02, software 09; the rest defaults
            assertThat(Diag.of(R53_2005).send("00")).isEqualTo("A0 06 13 56 94 03 02 01 00 01 00 FF 09");
        }

        @Test
        void theRealModulesAnswerComesOutByteForByte() {
            DiagnosticProfile p = Diag.diagnostics(R53_2002);
            Map<String, String> traced = Map.of(
                    "part-number",
                    "88369483",
                    "hardware",
                    "14",
                    "coding-index",
                    "03",
                    "diag-index",
                    "02",
                    "bus-index",
                    "00",
                    "week",
                    "09",
                    "year",
                    "96",
                    "supplier",
                    "02",
                    "software",
                    "13");
            Diag d = Diag.of(R53_2002);
            Ds2Services bc1 = new Ds2Services(d.car(), ((Ds2) p.protocol()).timing(), p.security(), traced);
            Ds2Telegram request = new Ds2Telegram(0x00, Hex.parse("00"));

            byte[] answer = ((Reply.Answer) bc1.onRequest(request.data(), d.now())).data();

            assertThat(Hex.of(request.encode())).isEqualTo("00 04 00 04");
            assertThat(Hex.of(new Ds2Telegram(p.ecuAddress(), answer).encode()))
                    .isEqualTo("00 10 A0 88 36 94 83 14 03 02 00 09 96 02 13 82");
        }

        @Test
        void identTakesNoArguments() {
            assertThat(Diag.of(R53_2005).send("00 01")).isEqualTo("B2 [invalid format]");
        }

        @Test
        void aBadIdentificationInTheProfileIsNamed() {
            assertThatThrownBy(() -> Identification.encode(Map.of("hardware", "3")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("identification.hardware");
            assertThatThrownBy(() -> Identification.encode(Map.of("part-number", "6 135 694 12")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("identification.part-number");
        }
    }

    @Nested
    class Dispatch {

        @ParameterizedTest
        @CsvSource({
            "77, B1 [service not supported]",
            "06 0C 00, B1 [service not supported]",
            "0A, B1 [service not supported]",
            "FF, B1 [service not supported]"
        })
        void jobsWeDoNotHaveAreABadFunction(String request, String answer) {
            assertThat(Diag.of(R53_2005).send(request)).isEqualTo(answer);
        }

        @Test
        void nothingAnswersWithoutPowerOrData() {
            Diag d = Diag.of(R53_2005);
            assertThat(d.send("")).isEqualTo(SILENCE);
            d.perform("car-battery disconnect");
            assertThat(d.send("00")).isEqualTo(SILENCE);
        }

        @ParameterizedTest
        @CsvSource({
            "02, A0",
            "02 00, B2 [invalid format]",
            "03 00, B2 [invalid format]",
            "04 00, B2 [invalid format]",
            "05 00, B2 [invalid format]",
            "08 00, B2 [invalid format]",
            "0D 00, B2 [invalid format]",
            "1F 00, B2 [invalid format]"
        })
        void argumentCounts(String request, String answer) {
            assertThat(unlocked().send(request)).isEqualTo(answer);
        }
    }

    @Nested
    class StartDiagnostics {

        @Test
        void seedThenKeyThenSeedIsZero() {
            Diag d = Diag.of(R53_2005);
            String seed = d.send("01 01");
            assertThat(seed).matches("A0 [0-9A-F]{2} [0-9A-F]{2}").isNotEqualTo("A0 00 00");

            int s = Diag.seedOf(seed, 1);
            assertThat(d.send(String.format(
                            "01 02 %02X %02X", SecurityAccess.keyFor(s) >> 8, SecurityAccess.keyFor(s) & 0xFF)))
                    .isEqualTo("A0");
            assertThat(d.send("01 01")).isEqualTo("A0 00 00");
        }

        @Test
        void wrongKeysThenTheDelay() {
            Diag d = Diag.of(R53_2005);

            assertThat(d.send("01 02 " + Diag.wrongKey(Diag.seedOf(d.send("01 01"), 1))))
                    .isEqualTo("A2 [invalid key]");
            assertThat(d.send("01 02 " + Diag.wrongKey(Diag.seedOf(d.send("01 01"), 1))))
                    .isEqualTo("A2 [exceed number of attempts]");
            assertThat(d.send("01 01")).isEqualTo("A2 [required time delay not expired]");
            d.advance("10s");
            assertThat(d.send("01 01")).startsWith("A0 ");
        }

        @ParameterizedTest
        @CsvSource({
            "01, B2 [invalid format]",
            "01 03, B1 [sub function not supported]",
            "01 01 00, B2 [invalid format]",
            "01 02 12, B2 [invalid format]",
            "01 02 12 34, A2 [conditions not correct]"
        })
        void refusals(String request, String answer) {
            assertThat(Diag.of(R53_2005).send(request)).isEqualTo(answer);
        }

        @Test
        void diagnoseEndeLocks() {
            Diag d = unlocked();

            assertThat(d.send("03")).isEqualTo("A0");
            assertThat(d.send("0D")).isEqualTo("A2 [security access denied]");
        }
    }

    @Nested
    class LockAfterIdle {

        @Test
        void thirtySecondsWithoutATelegramIsStillUnlocked() {
            Diag d = unlocked();

            d.advance("30s");
            assertThat(d.send("0D")).isEqualTo("A0");
        }

        @Test
        void oneNanosecondMoreLocks() {
            Diag d = unlocked();

            d.advance("30s").advance("1ns");
            assertThat(((Ds2Services) d.app).diagnosticsUnlocked(d.now())).isFalse();
            assertThat(d.send("0D")).isEqualTo("A2 [security access denied]");
        }

        @Test
        void eachTelegramKeepsItAlive() {
            Diag d = unlocked();

            for (int i = 0; i < 4; i++) {
                d.advance("29s");
                assertThat(d.send("02")).isEqualTo("A0");
            }
            assertThat(d.send("0D")).isEqualTo("A0");
        }

        @Test
        void theIdleLockReturnsIoControl() {
            Diag d = unlocked();
            d.send("0C 10 06 00");
            assertThat(d.car().diagnostics().underDiagnosticControl("driver")).isTrue();

            d.advance("31s").send("02");

            assertThat(d.car().diagnostics().underDiagnosticControl("driver")).isFalse();
        }
    }

    @Nested
    class FaultMemoryJobs {

        @Test
        void readAndClear() {
            Diag d = Diag.of(R53_2005);
            assertThat(d.send("04")).isEqualTo("A0 00");
            d.perform("car-battery disconnect").after("1s", "car-battery connect");

            assertThat(d.send("04")).isEqualTo("A0 01 93 09 00 01 00");
            d.perform("insert A").perform("ignition 2");
            assertThat(d.send("04")).isEqualTo("A0 01 93 09 01 01 01");

            assertThat(d.send("05")).isEqualTo("A0");
            assertThat(d.send("04")).isEqualTo("A0 00");
        }
    }

    @Nested
    class Coding {

        @Test
        void readVin() {
            Diag d = Diag.of(R53_2005);
            assertThat(d.send("08")).isEqualTo("A0 01 " + Diag.vinHex(VIN));
            d.perform("replace receiver");
            assertThat(d.send("08")).isEqualTo("A0 00" + " FF".repeat(17));
        }

        @Test
        void codingNeedsStartDiagnosticsAndTheCarsVin() {
            Diag d = Diag.of(R53_2005).perform("replace receiver");
            assertThat(d.send("09 " + Diag.vinHex(VIN))).isEqualTo("A2 [security access denied]");
            d.unlockDs2();

            assertThat(d.send("09 " + Diag.vinHex("WMWRE33546TN99999"))).isEqualTo("B0 [request out of range]");
            assertThat(d.car().receiver().coded()).isFalse();
            assertThat(d.send("09 " + Diag.vinHex(VIN))).isEqualTo("A0");
            assertThat(d.car().receiver().coded()).isTrue();
            assertThat(d.events(CarEvent.ReceiverCoded.class)).hasSize(1);
        }

        @ParameterizedTest
        @CsvSource({"09, B2 [invalid format]", "09 57 4D, B2 [invalid format]"})
        void refusals(String request, String answer) {
            assertThat(unlocked().send(request)).isEqualTo(answer);
        }
    }

    @Nested
    class Status {

        @Test
        void theSameRecordsAsKwp() {
            Diag d = Diag.of(R53_2005);

            assertThat(d.send("0B 01")).isEqualTo("A0 00 00 00 04");
            assertThat(d.send("0B 02")).isEqualTo("A0 00 00 00 00");
            assertThat(d.send("0B 04")).isEqualTo("A0 10 00 07");
            assertThat(d.send("0B 41")).isEqualTo("A0 01 01 00 1A 2B 3C 00 64 00 00");
            assertThat(d.send("0B 30").split(" ")).hasSize(2 + 4 * 10);
        }

        @Test
        void statusRfAfterABatteryDeadCode() {
            Diag d = Diag.of(
                    R53_2005, CarSetup.of(KeySpec.remoteKey("A", SERIAL_A, 0).battery(0.05)));

            d.perform("press A unlock");

            assertThat(d.send("0B 03")).isEqualTo("A0 08 00 00 00 00 00 00");
            assertThat(d.send("0B 41")).isEqualTo("A0 01 01 00 1A 2B 3C 00 64 00 01");
            assertThat(d.car().diagnostics().faults().entry(Fault.REMOTE_BATTERY_LOW))
                    .isPresent();
        }

        @Test
        void clearRfBuffers() {
            Diag d = Diag.of(R53_2005);
            d.perform("press A unlock");
            assertThat(d.send("0B 03")).isEqualTo("A0 01 00 1A 2B 3C 00 65");
            assertThat(d.send("0D")).isEqualTo("A2 [security access denied]");
            d.unlockDs2();

            assertThat(d.send("0D")).isEqualTo("A0");
            assertThat(d.send("0B 03")).isEqualTo("A0 00 00 00 00 00 00 00");
        }

        @ParameterizedTest
        @CsvSource({
            "0B, B2 [invalid format]",
            "0B 01 00, B2 [invalid format]",
            "0B 45, B0 [request out of range]",
            "0B 99, B0 [request out of range]"
        })
        void refusals(String request, String answer) {
            assertThat(Diag.of(R53_2005).send(request)).isEqualTo(answer);
        }
    }

    @Nested
    class Steuern {

        @Test
        void reportWithoutUnlockActWithIt() {
            Diag d = Diag.of(R53_2005);
            assertThat(d.send("0C 12 01")).isEqualTo("A0 12 01 01");
            assertThat(d.send("0C 12 06 00")).isEqualTo("A2 [security access denied]");
            d.unlockDs2();

            assertThat(d.send("0C 12 06 00")).isEqualTo("A0 12 06 00");
            assertThat(d.car().status().lockState("tailgate")).isEqualTo(LockState.UNLOCKED);
            assertThat(d.send("0C 20 06")).isEqualTo("A0 20 06");
            assertThat(d.events(CarEvent.Chime.class)).hasSize(1);
            assertThat(d.send("0C 12 00")).isEqualTo("A0 12 00 00");
            assertThat(d.car().diagnostics().underDiagnosticControl("tailgate")).isFalse();
        }

        @ParameterizedTest
        @CsvSource({
            "0C 13 01, B0 [request out of range]",
            "0C 10 07, B1 [sub function not supported]",
            "0C 10 06, B2 [invalid format]",
            "0C 10, B2 [invalid format]",
            "0C 10 06 05, B0 [request out of range]"
        })
        void refusals(String request, String answer) {
            assertThat(unlocked().send(request)).isEqualTo(answer);
        }
    }

    @Nested
    class PlipCodes {

        @Test
        void readPlipCodesInBc1sShape() {
            long key = RollingCodeCipher.deviceKey(SERIAL_A);
            String keyHex = Hex.of(ByteBuffer.allocate(8).putLong(key).array());

            assertThat(Diag.of(R53_2005).send("10 01")).isEqualTo("A0 01 01 " + keyHex + " 00 00 64 00 1A 2B 3C");
            assertThat(Diag.of(R53_2005).send("10 02")).isEqualTo("A0 02" + " 00".repeat(16));
        }

        @Test
        void writePlipCodesThenTheRemoteWorks() {
            Diag d = withNewRemote();
            d.unlockDs2();

            assertThat(d.send("11 02 01 00 AB CD EF 00 00 64")).isEqualTo("A0");
            d.perform("press N unlock");

            assertThat(d.events(CarEvent.RemoteCodeAccepted.class))
                    .extracting(CarEvent.RemoteCodeAccepted::slot)
                    .containsExactly(1);
            assertThat(d.send("11 02 00 00 00 00 00 00 00 00")).isEqualTo("A0");
            assertThat(d.car().receiver().slots().get(1)).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({
            "10 00, B0 [request out of range]",
            "10 05, B0 [request out of range]",
            "10, B2 [invalid format]",
            "11 01 01 00 AB CD EF 00 00, B2 [invalid format]",
            "11 05 01 00 AB CD EF 00 00 01, B0 [request out of range]",
            "11 01 02 00 AB CD EF 00 00 01, B0 [request out of range]",
            "11 01 01 00 AB CD EF 01 00 00, B0 [request out of range]",
            "11 01 01 00 00 00 00 00 00 01, B0 [request out of range]",
            "11 01 01 10 00 00 00 00 00 01, B0 [request out of range]"
        })
        void refusals(String request, String answer) {
            assertThat(unlocked().send(request)).isEqualTo(answer);
        }

        @Test
        void writingNeedsStartDiagnostics() {
            assertThat(Diag.of(R53_2005).send("11 02 01 00 AB CD EF 00 00 64"))
                    .isEqualTo("A2 [security access denied]");
        }
    }

    @Nested
    class DiagnosticLearn {

        @Test
        void busyWhileWaitingThenTheResult() {
            Diag d = withNewRemote();
            d.unlockDs2();
            assertThat(d.send("12 02")).isEqualTo("A2 [conditions not correct]");

            assertThat(d.send("12 01 04 14")).isEqualTo("A0");
            assertThat(d.send("12 02")).isEqualTo("A1 [routine not complete]");
            d.after("3s", "press N lock");

            assertThat(d.send("12 02")).isEqualTo("A0 00 04 00 AB CD EF 00 65");
            assertThat(d.car().status().allLocked())
                    .as("a code the learn takes does not act")
                    .isTrue();
        }

        @Test
        void stop() {
            Diag d = withNewRemote();
            d.unlockDs2();
            assertThat(d.send("12 03")).isEqualTo("A2 [conditions not correct]");
            d.send("12 01 01");

            assertThat(d.send("12 03")).isEqualTo("A0");
            assertThat(d.send("12 02")).isEqualTo("A0 02 01 00 00 00 00 00 00");
        }

        @ParameterizedTest
        @CsvSource({
            "12, B2 [invalid format]",
            "12 04, B1 [sub function not supported]",
            "12 01, B2 [invalid format]",
            "12 01 05, B0 [request out of range]",
            "12 01 01 00, B0 [request out of range]",
            "12 02 00, B2 [invalid format]",
            "12 03 00, B2 [invalid format]"
        })
        void refusals(String request, String answer) {
            assertThat(unlocked().send(request)).isEqualTo(answer);
        }

        @Test
        void startingNeedsStartDiagnostics() {
            assertThat(Diag.of(R53_2005).send("12 01 01")).isEqualTo("A2 [security access denied]");
        }
    }

    @Nested
    class Reset {

        @Test
        void sgResetRestartsTheModuleAndLocksDiagnostics() {
            Diag d = unlocked();
            d.perform("console unlock")
                    .after("1s", "insert A")
                    .after("1s", "ignition 2")
                    .after("1s", "ignition 0");
            assertThat(d.send("0B 01")).isEqualTo("A0 01 00 01 04");

            assertThat(d.send("1F")).isEqualTo("A0");

            assertThat(d.send("0B 01")).isEqualTo("A0 01 00 00 04");
            assertThat(d.send("0D")).isEqualTo("A2 [security access denied]");
            assertThat(d.send("01 01")).isNotEqualTo("A0 00 00");
        }
    }
}
