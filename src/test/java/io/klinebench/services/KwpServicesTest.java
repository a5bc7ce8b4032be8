package io.klinebench.services;

import static io.klinebench.services.Diag.R56;
import static io.klinebench.services.Diag.SERIAL_A;
import static io.klinebench.services.Diag.SERIAL_NEW;
import static io.klinebench.services.Diag.SILENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.klinebench.bench.Bench;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent;
import io.klinebench.car.CarEvent.LockState;
import io.klinebench.car.FaultMemory.Fault;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.Reply;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.protocol.Kwp2000;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every KWP2000 service of the R56 CAS, positive and negative, on the real profile. */
class KwpServicesTest {

    private static final String VIN = "WMWMF33589TX12345";

    private static Diag withNewRemote() {
        return Diag.of(
                R56,
                CarSetup.of(
                        KeySpec.remoteKey("A", SERIAL_A, 0),
                        KeySpec.remoteKey("N", SERIAL_NEW, 0).notLearned()));
    }

    @Nested
    class Dispatch {

        @ParameterizedTest
        @CsvSource({"22 01 00, 7F 22 11", "20, 7F 20 11", "81, 7F 81 11", "3D 00 00, 7F 3D 11"})
        void servicesNotInTheMapAreNotSupported(String request, String answer) {
            assertThat(Diag.of(R56).send(request)).isEqualTo(answer);
        }

        @Test
        void anEmptyRequestGetsNoAnswer() {
            assertThat(Diag.of(R56).send("")).isEqualTo(SILENCE);
        }

        @Test
        void nothingAnswersWithTheCarBatteryDisconnected() {
            Diag d = Diag.of(R56).perform("car-battery disconnect");

            assertThat(d.send("3E")).isEqualTo(SILENCE);
            assertThat(d.send("1A 80")).isEqualTo(SILENCE);
        }

        @Test
        void theRigTellsTheCarItsVinFromTheDiagnosticProfile() throws ConfigException {
            Bench withKLine = Bench.of(R56, CarSetup.of(KeySpec.remoteKey("A", SERIAL_A, 0)));

            assertThat(withKLine.car().diagnostics().vin()).contains(VIN);
        }

        @Test
        void buildingTheApplicationLeavesTheVinAlone() throws ConfigException {
            Bench carAlone = Bench.of(ProfileCatalog.builtIn().load(R56), CarSetup.of());
            DiagnosticProfile diagnostics = Diag.diagnostics(R56);

            diagnostics.protocol().application(carAlone.car(), diagnostics);

            assertThat(carAlone.car().diagnostics().vin()).isEmpty();
        }
    }

    @Nested
    class StartDiagnosticSession {

        @ParameterizedTest
        @CsvSource({
            "10 81, 50 81",
            "10 85, 50 85",
            "10 86, 50 86",
            "10 87, 50 87",
            "10 89, 7F 10 12",
            "10, 7F 10 12",
            "10 86 01, 7F 10 12"
        })
        void sessions(String request, String answer) {
            assertThat(Diag.of(R56).send(request)).isEqualTo(answer);
        }

        @Test
        void changingSessionLocksSecurityAgain() {
            Diag d = Diag.of(R56);
            assertThat(d.unlockKwp()).isEqualTo("67 02 34");

            d.send("10 87");

            assertThat(d.send("27 01")).isNotEqualTo("67 01 00 00");
            assertThat(d.send("3B 41 " + Diag.code(SERIAL_NEW, 1))).isEqualTo("7F 3B 33");
        }

        @Test
        void theSameSessionAgainKeepsSecurity() {
            Diag d = Diag.of(R56);
            d.unlockKwp();

            assertThat(d.send("10 86")).isEqualTo("50 86");
            assertThat(d.send("27 01")).isEqualTo("67 01 00 00");
        }

        @Test
        void theEndOfTheCommunicationReturnsToTheDefaultSessionLocked() {
            Diag d = Diag.of(R56);
            d.unlockKwp();

            d.app.sessionEnded(d.now());

            assertThat(((KwpServices) d.app).session()).isEqualTo(KwpServices.Session.DEFAULT);
            assertThat(d.send("27 01")).isEqualTo("7F 27 80");
            d.send("10 86");
            assertThat(d.send("27 01")).isNotEqualTo("67 01 00 00");
        }
    }

    @Nested
    class EcuReset {

        @Test
        void resetAnswersThenTheModuleHasRestarted() {
            Diag d = Diag.of(R56);
            d.unlockKwp();
            d.perform("console unlock")
                    .after("1s", "insert A")
                    .after("1s", "ignition 2")
                    .after("1s", "ignition 0");
            assertThat(d.car().status().cycleCount()).isEqualTo(1);

            assertThat(d.send("11 01")).isEqualTo("51 01");

            assertThat(d.car().status().cycleCount()).isZero();
            assertThat(d.events(CarEvent.EcuReset.class)).hasSize(1);
            assertThat(d.events(CarEvent.CycleCountReset.class))
                    .extracting(CarEvent.CycleCountReset::reason)
                    .containsExactly(CarEvent.CountReset.ECU_RESET);
            assertThat(((KwpServices) d.app).session()).isEqualTo(KwpServices.Session.DEFAULT);
            d.send("10 86");
            assertThat(d.send("27 01")).isNotEqualTo("67 01 00 00");
        }

        @ParameterizedTest
        @CsvSource({"11 03, 51 03", "11 02, 7F 11 12", "11 04, 7F 11 12", "11, 7F 11 12", "11 01 00, 7F 11 12"})
        void modes(String request, String answer) {
            assertThat(Diag.of(R56).send(request)).isEqualTo(answer);
        }
    }

    @Nested
    class FaultMemoryServices {

        private Diag receiverReplaced() {
            Diag d = Diag.of(R56);
            d.perform("replace receiver");
            return d;
        }

        @Test
        void readDtcByStatusListsTheStoredFaults() {
            assertThat(Diag.of(R56).send("18 02 FF FF")).isEqualTo("58 00");
            assertThat(receiverReplaced().send("18 02 FF FF")).isEqualTo("58 01 93 01 60");
            assertThat(receiverReplaced().send("18 00 FF 00")).isEqualTo("58 01 93 01 60");
        }

        @Test
        void supportedDtcsAreEveryFaultWeKnow() {
            String answer = receiverReplaced().send("18 03 FF 00");

            assertThat(answer).startsWith(String.format("58 %02X 93 01 60 93 02 00", Fault.values().length));
            assertThat(answer.split(" ")).hasSize(2 + 3 * Fault.values().length);
        }

        @ParameterizedTest
        @CsvSource({"18 04 FF 00, 7F 18 31", "18 02 00 00, 7F 18 31", "18 02 FF, 7F 18 12", "18, 7F 18 12"})
        void readDtcByStatusRefusals(String request, String answer) {
            assertThat(Diag.of(R56).send(request)).isEqualTo(answer);
        }

        @Test
        void readStatusOfOneDtcGivesCountAndAge() {
            Diag d = receiverReplaced();

            assertThat(d.send("17 93 01")).isEqualTo("57 01 93 01 60 01 00");
            assertThat(d.send("17 93 02")).isEqualTo("57 00");
            assertThat(d.send("17 12 34")).isEqualTo("7F 17 31");
            assertThat(d.send("17 93")).isEqualTo("7F 17 12");
        }

        @Test
        void clearEmptiesTheMemoryButAPresentConditionComesBack() {
            Diag d = receiverReplaced();
            d.perform("press A unlock");
            assertThat(d.send("18 02 FF FF")).isEqualTo("58 01 93 01 60");
            assertThat(d.car()
                            .diagnostics()
                            .faults()
                            .entry(Fault.RECEIVER_NOT_CODED)
                            .orElseThrow()
                            .occurrences())
                    .isEqualTo(2);

            assertThat(d.send("14 FF 00")).isEqualTo("54 FF 00");

            assertThat(d.car().diagnostics().faults().entries())
                    .extracting(e -> e.fault(), e -> e.occurrences())
                    .containsExactly(tuple(Fault.RECEIVER_NOT_CODED, 1));
            assertThat(d.events(CarEvent.FaultsCleared.class))
                    .extracting(CarEvent.FaultsCleared::cleared)
                    .containsExactly(1);
        }

        @Test
        void clearNeedsNoSecurityAndEmptiesEventFaults() {
            Diag d = Diag.of(R56);
            d.perform("car-battery disconnect").after("1s", "car-battery connect");
            assertThat(d.send("18 02 FF FF")).isEqualTo("58 01 93 09 60");

            assertThat(d.send("14 FF FF")).isEqualTo("54 FF FF");
            assertThat(d.send("18 02 FF FF")).isEqualTo("58 00");
        }

        @ParameterizedTest
        @CsvSource({"14 FF, 7F 14 12", "14 00 01, 7F 14 31", "14 FF 00 00, 7F 14 12"})
        void clearRefusals(String request, String answer) {
            assertThat(Diag.of(R56).send(request)).isEqualTo(answer);
        }
    }

    @Nested
    class ReadEcuIdentification {

        @Test
        void tableIsTheTwelveByteRecordFromTheProfile() {
            // part number 9 147 229, hardware 01, coding index 05, software 14; the rest defaults
            assertThat(Diag.of(R56).send("1A 80")).isEqualTo("5A 80 09 14 72 29 01 05 01 00 01 00 FF 14");
        }

        @Test
        void vinAndNumbers() {
            Diag d = Diag.of(R56);

            assertThat(d.send("1A 90")).isEqualTo("5A 90 " + Diag.vinHex(VIN));
            assertThat(d.send("1A 91")).isEqualTo("5A 91 " + Diag.vinHex("9147229"));
            assertThat(d.send("1A 94")).isEqualTo("5A 94 " + Diag.vinHex("14"));
        }

        @Test
        void aReplacedReceiverHoldsNoVin() {
            Diag d = Diag.of(R56).perform("replace receiver");

            assertThat(d.send("1A 90")).isEqualTo("5A 90" + " FF".repeat(17));
        }

        @ParameterizedTest
        @CsvSource({"1A 86, 7F 1A 31", "1A, 7F 1A 12", "1A 80 00, 7F 1A 12"})
        void refusals(String request, String answer) {
            assertThat(Diag.of(R56).send(request)).isEqualTo(answer);
        }
    }

    @Nested
    class ReadDataByLocalIdentifier {

        @Test
        void ignitionAndCycles() {
            Diag d = Diag.of(R56);
            assertThat(d.send("21 01")).isEqualTo("61 01 00 00 00 03");

            d.perform("insert A").after("1s", "ignition 1");
            assertThat(d.send("21 01")).isEqualTo("61 01 01 01 00 03");
            d.after("1s", "ignition 3");
            assertThat(d.send("21 01")).isEqualTo("61 01 01 07 00 03");
        }

        @Test
        void learnWindowClosed() {
            assertThat(Diag.of(R56).send("21 02")).isEqualTo("61 02 00 00 00 00");
        }

        @Test
        void rfStatusOfTheLastCode() {
            Diag d = withNewRemote();
            assertThat(d.send("21 03")).isEqualTo("61 03 00 00 00 00 00 00 00");

            d.perform("press A unlock");
            assertThat(d.send("21 03")).isEqualTo("61 03 01 00 1A 2B 3C 00 65");

            d.advance("1s").perform("press N unlock");
            assertThat(d.send("21 03")).isEqualTo("61 03 04 00 1A 2B 3C 00 65");
        }

        @Test
        void inputs() {
            Diag d = Diag.of(R56);
            assertThat(d.send("21 04")).isEqualTo("61 04 10 00 07");

            d.perform("console unlock")
                    .perform("door passenger open")
                    .perform("insert A")
                    .perform("ignition 2");
            assertThat(d.send("21 04")).isEqualTo("61 04 07 02 00");
        }

        @Test
        void keyBattery() {
            Diag d = Diag.of(R56);
            assertThat(d.send("21 05")).isEqualTo("61 05 00 FF 00");

            d.perform("insert A").perform("ignition 2");
            assertThat(d.send("21 05")).isEqualTo("61 05 01 64 01");
        }

        @Test
        void coding() {
            Diag d = Diag.of(R56);
            assertThat(d.send("21 06")).isEqualTo("61 06 01 " + Diag.vinHex(VIN));

            d.perform("replace receiver");
            assertThat(d.send("21 06")).isEqualTo("61 06 00" + " FF".repeat(17));
        }

        @Test
        void aVinTheRecordCannotCarryReadsAsUnknownAndIsStillAnswered() {
            Diag d = Diag.of(R56);
            // 17 UTF-16 units but 16 characters, one of them not ASCII (the bench's setVin takes any text)
            d.car().setVin(VIN.substring(0, 15) + "\uD83D\uDE97");

            assertThat(d.send("21 06")).isEqualTo("61 06 01" + " FF".repeat(17));
            assertThat(d.send("1A 90")).isEqualTo("5A 90" + " FF".repeat(17));
        }

        @Test
        void slotsOneByOneAndAsATable() {
            Diag d = Diag.of(R56);

            assertThat(d.send("21 41")).isEqualTo("61 41 01 01 00 1A 2B 3C 00 64 00 00");
            assertThat(d.send("21 42")).isEqualTo("61 42 02 00 00 00 00 00 00 00 00 00");
            assertThat(d.send("21 4A")).isEqualTo("61 4A 0A 00 00 00 00 00 00 00 00 00");
            String table = d.send("21 30");
            assertThat(table).startsWith("61 30 0A 01 01 00 1A 2B 3C 00 64 00 00 02 00");
            assertThat(table.split(" ")).hasSize(3 + 10 * 10);
        }

        @ParameterizedTest
        @CsvSource({
            "21 40, 7F 21 31",
            "21 4B, 7F 21 31",
            "21 07, 7F 21 31",
            "21 00, 7F 21 31",
            "21, 7F 21 12",
            "21 01 00, 7F 21 12"
        })
        void refusals(String request, String answer) {
            assertThat(Diag.of(R56).send(request)).isEqualTo(answer);
        }
    }

    @Nested
    class SecurityAccessService {

        @Test
        void notInTheDefaultSession() {
            assertThat(Diag.of(R56).send("27 01")).isEqualTo("7F 27 80");
        }

        @Test
        void seedThenKeyUnlocks() {
            Diag d = Diag.of(R56);
            d.send("10 86");
            String seed = d.send("27 01");
            assertThat(seed).matches("67 01 [0-9A-F]{2} [0-9A-F]{2}").isNotEqualTo("67 01 00 00");
            int s = Diag.seedOf(seed, 2);

            assertThat(d.send(String.format(
                            "27 02 %02X %02X", SecurityAccess.keyFor(s) >> 8, SecurityAccess.keyFor(s) & 0xFF)))
                    .isEqualTo("67 02 34");
            assertThat(d.send("27 01")).isEqualTo("67 01 00 00");
        }

        @Test
        void aKeyWithoutASeedIsASequenceError() {
            Diag d = Diag.of(R56);
            d.send("10 86");

            assertThat(d.send("27 02 12 34")).isEqualTo("7F 27 22");
        }

        @Test
        void aKeyWhenAlreadyUnlockedIsASequenceError() {
            Diag d = Diag.of(R56);
            d.unlockKwp();

            assertThat(d.send("27 02 12 34")).isEqualTo("7F 27 22");
            assertThat(d.send("27 01")).isEqualTo("67 01 00 00");
        }

        @ParameterizedTest
        @CsvSource({"27 03, 7F 27 12", "27 00, 7F 27 12", "27, 7F 27 12", "27 01 00, 7F 27 12", "27 02 12, 7F 27 12"})
        void refusals(String request, String answer) {
            Diag d = Diag.of(R56);
            d.send("10 86");
            assertThat(d.send(request)).isEqualTo(answer);
        }
    }

    @Nested
    class IoControl {

        @Test
        void reportNeedsNothing() {
            Diag d = Diag.of(R56);

            assertThat(d.send("30 10 01")).isEqualTo("70 10 01 01");
            assertThat(d.send("30 1F 01")).isEqualTo("70 1F 01 01");
            assertThat(d.send("30 20 01")).isEqualTo("70 20 01 00");
        }

        @Test
        void executeNeedsSessionThenSecurity() {
            Diag d = Diag.of(R56);
            assertThat(d.send("30 10 06 00")).isEqualTo("7F 30 80");
            d.send("10 86");
            assertThat(d.send("30 10 06 00")).isEqualTo("7F 30 33");
            assertThat(d.events(CarEvent.LockActuated.class)).isEmpty();
        }

        @Test
        void aDoorUnderTheTestersControlIgnoresTheModuleUntilControlReturns() {
            Diag d = Diag.of(R56);
            d.unlockKwp();

            assertThat(d.send("30 10 06 00")).isEqualTo("70 10 06 00");
            assertThat(d.events(CarEvent.LockActuated.class))
                    .extracting(CarEvent.LockActuated::door, CarEvent.LockActuated::state)
                    .containsExactly(tuple("driver", LockState.UNLOCKED));
            assertThat(d.send("30 1F 01")).isEqualTo("70 1F 01 02");
            assertThat(d.send("21 04")).isEqualTo("61 04 20 00 06");

            d.perform("console lock");
            assertThat(d.car().status().lockState("driver")).isEqualTo(LockState.UNLOCKED);

            assertThat(d.send("30 10 00")).isEqualTo("70 10 00 00");
            d.perform("console lock");
            assertThat(d.car().status().lockState("driver")).isEqualTo(LockState.LOCKED);
        }

        @Test
        void allDoorsAndTheChime() {
            Diag d = Diag.of(R56);
            d.unlockKwp();

            assertThat(d.send("30 1F 06 00")).isEqualTo("70 1F 06 00");
            assertThat(d.events(CarEvent.LockActuated.class))
                    .extracting(CarEvent.LockActuated::door)
                    .containsExactly("driver", "passenger", "tailgate");
            assertThat(d.send("30 20 06")).isEqualTo("70 20 06");
            assertThat(d.events(CarEvent.Chime.class))
                    .extracting(CarEvent.Chime::why)
                    .containsExactly("diagnostic IO control");
        }

        @Test
        void theEndOfTheSessionReturnsControl() {
            Diag d = Diag.of(R56);
            d.unlockKwp();
            d.send("30 11 06 00");
            assertThat(d.car().diagnostics().underDiagnosticControl("passenger"))
                    .isTrue();

            d.app.sessionEnded(d.now());

            assertThat(d.car().diagnostics().underDiagnosticControl("passenger"))
                    .isFalse();
        }

        @ParameterizedTest
        @CsvSource({
            "30 13 01, 7F 30 31",
            "30 30 01, 7F 30 31",
            "30 10 05, 7F 30 12",
            "30 10 06, 7F 30 12",
            "30 10 01 00, 7F 30 12",
            "30 20 06 01, 7F 30 12",
            "30 10 06 02, 7F 30 31",
            "30 10, 7F 30 12",
            "30, 7F 30 12"
        })
        void refusals(String request, String answer) {
            Diag d = Diag.of(R56);
            d.unlockKwp();
            assertThat(d.send(request)).isEqualTo(answer);
        }
    }

    @Nested
    class Routines {

        @Test
        void dealerLearnTakesTheNextKeyIntoTheSlot() {
            Diag d = withNewRemote();
            d.unlockKwp();
            assertThat(d.send("33 01")).isEqualTo("7F 33 22");

            assertThat(d.send("31 01 03 0A")).isEqualTo("71 01");
            assertThat(d.send("33 01")).isEqualTo("7F 33 23");
            assertThat(d.send("21 04")).isEqualTo("61 04 90 00 07");

            d.after("2s", "insert N");

            assertThat(d.send("33 01")).isEqualTo("73 01 00 03 00 AB CD EF 00 64");
            assertThat(d.car().receiver().slots().get(2)).map(s -> s.serial()).contains(SERIAL_NEW);
        }

        @Test
        void dealerLearnTimesOut() {
            Diag d = withNewRemote();
            d.unlockKwp();
            d.send("31 01 02 05");

            d.advance("5s");
            assertThat(d.send("33 01")).isEqualTo("7F 33 23");
            d.advance("1ms");
            assertThat(d.send("33 01")).isEqualTo("73 01 01 02 00 00 00 00 00 00");
            assertThat(d.car().diagnostics().faults().entry(Fault.DIAGNOSTIC_LEARN_TIMEOUT))
                    .isPresent();
        }

        @Test
        void dealerLearnStopped() {
            Diag d = withNewRemote();
            d.unlockKwp();
            assertThat(d.send("32 01")).isEqualTo("7F 32 22");
            d.send("31 01 02");

            assertThat(d.send("32 01")).isEqualTo("72 01");
            assertThat(d.send("33 01")).isEqualTo("73 01 02 02 00 00 00 00 00 00");
        }

        @Test
        void dealerLearnNeedsACodedReceiver() {
            Diag d = withNewRemote();
            d.perform("replace receiver");
            d.unlockKwp();

            assertThat(d.send("31 01 01")).isEqualTo("7F 31 22");
        }

        @Test
        void clearRfBuffers() {
            Diag d = Diag.of(R56);
            d.perform("press A unlock");
            d.unlockKwp();

            assertThat(d.send("31 02")).isEqualTo("71 02");
            assertThat(d.send("21 03")).isEqualTo("61 03 00 00 00 00 00 00 00");
        }

        @Test
        void codingRoutineAnswersPendingThenCodes() {
            Diag d = Diag.of(R56).perform("replace receiver");
            d.unlockKwp();

            Reply r = d.reply("31 03 " + Diag.vinHex(VIN));

            assertThat(r).isInstanceOf(Reply.Pending.class);
            Reply.Pending p = (Reply.Pending) r;
            assertThat(p.delayNanos())
                    .isEqualTo(KwpServices.CODING_NANOS)
                    .isLessThanOrEqualTo(
                            ((Kwp2000) d.profile.protocol()).timing().p2StarMax());
            assertThat(d.car().receiver().coded()).isFalse();
            d.advance("1s");
            assertThat(Diag.render(p.then().get())).isEqualTo("71 03");
            assertThat(d.car().receiver().coded()).isTrue();
        }

        @ParameterizedTest
        @CsvSource({
            "31 09, 7F 31 31",
            "31, 7F 31 12",
            "31 01, 7F 31 12",
            "31 01 01 02 03, 7F 31 12",
            "31 01 00, 7F 31 31",
            "31 01 0B, 7F 31 31",
            "31 01 01 00, 7F 31 31",
            "31 02 00, 7F 31 12",
            "31 03 01, 7F 31 12",
            "33 02, 7F 33 31",
            "33, 7F 33 12",
            "32 02, 7F 32 31",
            "32, 7F 32 12"
        })
        void refusals(String request, String answer) {
            Diag d = Diag.of(R56);
            d.unlockKwp();
            assertThat(d.send(request)).isEqualTo(answer);
        }

        @Test
        void routinesNeedSessionAndSecurity() {
            Diag d = Diag.of(R56);
            assertThat(d.send("31 01 01")).isEqualTo("7F 31 80");
            assertThat(d.send("33 01")).isEqualTo("7F 33 80");
            assertThat(d.send("32 01")).isEqualTo("7F 32 80");
            d.send("10 86");
            assertThat(d.send("31 01 01")).isEqualTo("7F 31 33");
            assertThat(d.send("32 01")).isEqualTo("7F 32 33");
            assertThat(d.send("33 01")).isEqualTo("7F 33 22");
        }
    }

    @Nested
    class WriteDataByLocalIdentifier {

        @Test
        void writeReadAndEraseASlot() {
            Diag d = Diag.of(R56);
            d.unlockKwp();

            assertThat(d.send("3B 43 " + Diag.code(SERIAL_NEW, 0x1234))).isEqualTo("7B 43");
            assertThat(d.send("21 43")).isEqualTo("61 43 03 01 00 AB CD EF 12 34 00 00");
            assertThat(d.events(CarEvent.SlotWritten.class))
                    .containsExactly(new CarEvent.SlotWritten(d.now(), 2, SERIAL_NEW, 0x1234));

            assertThat(d.send("3B 43 00 00 00 00 00 00")).isEqualTo("7B 43");
            assertThat(d.car().receiver().slots().get(2)).isEqualTo(Optional.empty());
        }

        @Test
        void writingARemoteThatHasASlotMovesIt() {
            Diag d = Diag.of(R56);
            d.unlockKwp();

            d.send("3B 45 " + Diag.code(SERIAL_A, 200));

            assertThat(d.car().receiver().slots().get(0)).isEmpty();
            assertThat(d.car().receiver().slotOf(SERIAL_A)).map(s -> s.index()).contains(4);
        }

        @Test
        void codingWithTheCarsVin() {
            Diag d = Diag.of(R56).perform("replace receiver");
            d.unlockKwp();

            assertThat(d.send("3B 06 " + Diag.vinHex(VIN))).isEqualTo("(pending)");
            assertThat(d.sendAndWait("3B 06 " + Diag.vinHex(VIN))).isEqualTo("7B 06");
            assertThat(d.car().receiver().coded()).isTrue();
            assertThat(d.send("21 06")).isEqualTo("61 06 01 " + Diag.vinHex(VIN));
        }

        @Test
        void codingWithAnotherVinIsRefusedAfterThePendingAnswer() {
            Diag d = Diag.of(R56).perform("replace receiver");
            d.unlockKwp();

            assertThat(d.sendAndWait("3B 06 " + Diag.vinHex("WMWMF33589TX99999")))
                    .isEqualTo("7F 3B 31");
            assertThat(d.car().receiver().coded()).isFalse();
            assertThat(d.events(CarEvent.ReceiverCodingRefused.class)).hasSize(1);
            assertThat(d.car().diagnostics().faults().entry(Fault.CODING_REFUSED))
                    .isPresent();
        }

        @ParameterizedTest
        @CsvSource({
            "3B 06 57 4D 57, 7F 3B 12",
            "3B 01 00, 7F 3B 31",
            "3B 30 00, 7F 3B 31",
            "3B 4B 00 00 00 01 00 01, 7F 3B 31",
            "3B 43 00 01, 7F 3B 12",
            "3B 43 10 00 00 00 00 01, 7F 3B 31",
            "3B, 7F 3B 12"
        })
        void refusals(String request, String answer) {
            Diag d = Diag.of(R56);
            d.unlockKwp();
            assertThat(d.send(request)).isEqualTo(answer);
        }

        @Test
        void aVinWithLettersAVinCannotHaveIsOutOfRange() {
            Diag d = Diag.of(R56);
            d.unlockKwp();

            assertThat(d.send("3B 06 " + Diag.vinHex("WMWMF33589TX1234I"))).isEqualTo("7F 3B 31");
        }

        @Test
        void writesNeedSessionAndSecurity() {
            Diag d = Diag.of(R56);
            assertThat(d.send("3B 43 " + Diag.code(SERIAL_NEW, 1))).isEqualTo("7F 3B 80");
            assertThat(d.send("3B 06 " + Diag.vinHex(VIN))).isEqualTo("7F 3B 80");
            d.send("10 86");
            assertThat(d.send("3B 43 " + Diag.code(SERIAL_NEW, 1))).isEqualTo("7F 3B 33");
            assertThat(d.send("3B 06 " + Diag.vinHex(VIN))).isEqualTo("7F 3B 33");
            assertThat(d.events(CarEvent.SlotWritten.class)).isEmpty();
        }
    }

    @Nested
    class TesterPresent {

        @ParameterizedTest
        @CsvSource({"3E, 7E", "3E 01, 7E", "3E 03, 7F 3E 12", "3E 01 00, 7F 3E 12"})
        void answers(String request, String answer) {
            assertThat(Diag.of(R56).send(request)).isEqualTo(answer);
        }

        @Test
        void noResponseRequired() {
            assertThat(Diag.of(R56).send("3E 02")).isEqualTo(SILENCE);
        }
    }
}
