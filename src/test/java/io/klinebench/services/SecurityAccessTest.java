package io.klinebench.services;

import static io.klinebench.services.Diag.R53_2005;
import static io.klinebench.services.Diag.R56;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Seed and key, attempts and the lockout delay, and what survives a reset and a power cycle.
 * The profiles say: 2 wrong keys, then 10 s; 10 s again after a power-on or reset while the
 * delay runs.
 */
class SecurityAccessTest {

    @Nested
    class Algorithm {

        @Test
        void documentedExamples() {
            assertThat(SecurityAccess.keyFor(0x1234)).isEqualTo(0x3AED);
            assertThat(SecurityAccess.keyFor(0x0001)).isEqualTo(0xF44B);
            assertThat(SecurityAccess.keyFor(0xBEEF)).isEqualTo(0xC020);
        }

        @Test
        void theKeyFunctionIsABijection() {
            Set<Integer> keys = new HashSet<>();
            for (int seed = 0; seed <= 0xFFFF; seed++) {
                keys.add(SecurityAccess.keyFor(seed));
            }
            assertThat(keys).hasSize(0x10000);
        }

        @Test
        void twoSeedsAtTheSameInstantDiffer() {
            Diag d = Diag.of(R56);
            d.send("10 86");

            String first = d.send("27 01");
            d.send("27 02 " + Diag.wrongKey(Diag.seedOf(first, 2)));
            String second = d.send("27 01");

            assertThat(second).isNotEqualTo(first);
        }

        @Test
        void theSameRunGivesTheSameSeeds() {
            Diag a = Diag.of(R56);
            Diag b = Diag.of(R56);
            a.advance("1.5s").send("10 86");
            b.advance("1.5s").send("10 86");

            assertThat(a.send("27 01")).isEqualTo(b.send("27 01"));
        }
    }

    @Nested
    class Lockout {

        /** Two wrong keys at the current instant: 35, then 36. */
        private void twoWrongKeys(Diag d) {
            assertThat(d.send("27 02 " + Diag.wrongKey(Diag.seedOf(d.send("27 01"), 2))))
                    .isEqualTo("7F 27 35");
            assertThat(d.send("27 02 " + Diag.wrongKey(Diag.seedOf(d.send("27 01"), 2))))
                    .isEqualTo("7F 27 36");
        }

        @Test
        void invalidKeyThenExceededThenTheDelayThenAccessAgain() {
            Diag d = Diag.of(R56);
            d.send("10 86");
            twoWrongKeys(d);

            assertThat(d.send("27 01")).isEqualTo("7F 27 37");
            assertThat(d.send("27 02 12 34")).isEqualTo("7F 27 37");
            d.advance("9999ms");
            assertThat(d.send("27 01")).isEqualTo("7F 27 37");
            d.advance("1ms");
            assertThat(d.unlockKwpFromSeed()).isEqualTo("67 02 34");
        }

        @Test
        void afterTheDelayTwoMoreWrongKeysAreAllowed() {
            Diag d = Diag.of(R56);
            d.send("10 86");
            twoWrongKeys(d);
            d.advance("10s");

            twoWrongKeys(d);
            assertThat(d.send("27 01")).isEqualTo("7F 27 37");
        }

        @Test
        void aRightKeyResetsTheCount() {
            Diag d = Diag.of(R56);
            d.send("10 86");
            assertThat(d.send("27 02 " + Diag.wrongKey(Diag.seedOf(d.send("27 01"), 2))))
                    .isEqualTo("7F 27 35");
            assertThat(d.unlockKwpFromSeed()).isEqualTo("67 02 34");
            d.send("10 87");

            assertThat(d.send("27 02 " + Diag.wrongKey(Diag.seedOf(d.send("27 01"), 2))))
                    .isEqualTo("7F 27 35");
        }

        @Test
        void theWrongKeyCountSurvivesAReset() {
            Diag d = Diag.of(R56);
            d.send("10 86");
            assertThat(d.send("27 02 " + Diag.wrongKey(Diag.seedOf(d.send("27 01"), 2))))
                    .isEqualTo("7F 27 35");

            assertThat(d.send("11 01")).isEqualTo("51 01");
            d.send("10 86");

            assertThat(d.send("27 02 " + Diag.wrongKey(Diag.seedOf(d.send("27 01"), 2))))
                    .isEqualTo("7F 27 36");
        }

        @Test
        void aResetDuringTheDelayRestartsIt() {
            Diag d = Diag.of(R56);
            d.send("10 86");
            twoWrongKeys(d);
            d.advance("5s");

            assertThat(d.send("11 01")).isEqualTo("51 01");
            d.send("10 86");
            assertThat(d.send("27 01")).isEqualTo("7F 27 37");
            d.advance("9999ms");
            assertThat(d.send("27 01"))
                    .as("14.999 s after the lockout, 9.999 s after the reset")
                    .isEqualTo("7F 27 37");
            d.advance("1ms");
            assertThat(d.send("27 01")).matches("67 01 [0-9A-F]{2} [0-9A-F]{2}");
        }

        @Test
        void aCarBatteryDisconnectionDuringTheDelayRestartsItAtPowerOnHoweverLongItWasOff() {
            Diag d = Diag.of(R56);
            d.send("10 86");
            twoWrongKeys(d);
            d.after("2s", "car-battery disconnect");
            assertThat(d.send("27 01")).isEqualTo(Diag.SILENCE);

            d.after("58s", "car-battery connect");
            d.app.sessionStarted(d.now());
            d.send("10 86");
            assertThat(d.send("27 01")).isEqualTo("7F 27 37");
            d.advance("9999ms");
            assertThat(d.send("27 01")).isEqualTo("7F 27 37");
            d.advance("1ms");
            assertThat(d.unlockKwpFromSeed()).isEqualTo("67 02 34");
        }

        @Test
        void aPowerCycleWithNoDelayRunningNeedsNoWait() {
            Diag d = Diag.of(R56);
            d.perform("car-battery disconnect").after("1s", "car-battery connect");
            d.send("10 86");

            assertThat(d.unlockKwpFromSeed()).isEqualTo("67 02 34");
        }

        @Test
        void aPowerCycleEndsTheUnlockedState() {
            Diag d = Diag.of(R56);
            d.unlockKwp();
            d.perform("car-battery disconnect").after("1s", "car-battery connect");
            d.send("10 86");

            assertThat(d.send("27 01")).isNotEqualTo("67 01 00 00");
            assertThat(d.send("3B 41 " + Diag.code(Diag.SERIAL_NEW, 1))).isEqualTo("7F 3B 33");
        }

        @Test
        void aSeedFromBeforeAResetIsUsedUp() {
            Diag d = Diag.of(R56);
            d.send("10 86");
            int seed = Diag.seedOf(d.send("27 01"), 2);
            d.send("11 01");
            d.send("10 86");

            assertThat(d.send(String.format(
                            "27 02 %02X %02X", SecurityAccess.keyFor(seed) >> 8, SecurityAccess.keyFor(seed) & 0xFF)))
                    .isEqualTo("7F 27 22");
        }

        @Test
        void ds2TheSameLockoutSurvivesSgResetAndAPowerCycle() {
            Diag d = Diag.of(R53_2005);
            assertThat(d.send("01 02 " + Diag.wrongKey(Diag.seedOf(d.send("01 01"), 1))))
                    .isEqualTo("A2 [invalid key]");
            assertThat(d.send("01 02 " + Diag.wrongKey(Diag.seedOf(d.send("01 01"), 1))))
                    .isEqualTo("A2 [exceed number of attempts]");

            d.advance("5s");
            assertThat(d.send("1F")).isEqualTo("A0");
            d.advance("9s");
            assertThat(d.send("01 01")).isEqualTo("A2 [required time delay not expired]");
            d.perform("car-battery disconnect").after("1h", "car-battery connect");
            assertThat(d.send("01 01")).isEqualTo("A2 [required time delay not expired]");
            d.advance("10s");
            assertThat(d.unlockDs2()).isEqualTo("A0");
        }

        @Test
        void theLockoutIsTheModulesNotTheApplications() {
            Diag d = Diag.of(R56);
            d.send("10 86");
            twoWrongKeys(d);

            KwpServices second = new KwpServices(d.car(), d.profile.security(), d.profile.identification());
            second.onRequest(new byte[] {0x10, (byte) 0x86}, d.now());

            assertThat(Diag.render(second.onRequest(new byte[] {0x27, 0x01}, d.now())))
                    .isEqualTo("7F 27 37");
        }
    }
}
