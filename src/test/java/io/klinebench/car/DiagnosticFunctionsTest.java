package io.klinebench.car;

import static io.klinebench.car.Benches.MS;
import static io.klinebench.car.Benches.R53_2002;
import static io.klinebench.car.Benches.R53_2005;
import static io.klinebench.car.Benches.R56;
import static io.klinebench.car.Benches.S;
import static io.klinebench.car.Benches.SERIAL_A;
import static io.klinebench.car.Benches.SERIAL_NEW;
import static io.klinebench.car.Benches.VIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.klinebench.bench.Bench;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.CarEvent.LockState;
import io.klinebench.car.DiagnosticAccess.CodingResult;
import io.klinebench.car.DiagnosticLearnState.Phase;
import io.klinebench.fob.Transmission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The model's diagnostic functions, without bytes. */
class DiagnosticFunctionsTest {

    @Nested
    class DiagnosticLearn {

        @Test
        void learnsABrandNewRemoteOn2002To2004EvenWithTheKeyInTheIgnition() {
            Bench b = Benches.withNewRemote(R53_2002);
            b.perform("insert A").perform("ignition 2");

            assertThat(b.car().diagnostics().startDiagnosticLearn(2, 30 * S)).isTrue();
            b.after("2s", "press N unlock").settle();

            assertThat(b.car().diagnostics().diagnosticLearn())
                    .isEqualTo(new DiagnosticLearnState(Phase.LEARNED, 2, 2 * S, SERIAL_NEW, 101));
            assertThat(b.car().receiver().slots().get(2)).map(Slot::serial).contains(SERIAL_NEW);
            assertThat(b.events(CarEvent.DiagnosticLearnEnded.class))
                    .containsExactly(new CarEvent.DiagnosticLearnEnded(2 * S, 2, Phase.LEARNED, SERIAL_NEW));
            assertThat(b.car().receiver().lastValidCode())
                    .contains(new RemoteReceiver.ReceivedCode(SERIAL_NEW, 101, 2 * S));
        }

        @Test
        void aCodeExactlyAtTheTimeoutIsLearnedOneNanosecondLaterIsNot() {
            Bench b = Benches.withNewRemote(R53_2002);
            b.car().diagnostics().startDiagnosticLearn(1, 10 * S);
            b.advance("10s");
            assertThat(b.car().diagnostics().diagnosticLearn().waiting()).isTrue();
            b.perform("press N unlock");
            assertThat(b.car().diagnostics().diagnosticLearn().phase()).isEqualTo(Phase.LEARNED);

            Bench late = Benches.withNewRemote(R53_2002);
            late.car().diagnostics().startDiagnosticLearn(1, 10 * S);
            late.advance("10s").advance("1ns");
            assertThat(late.car().diagnostics().diagnosticLearn())
                    .isEqualTo(new DiagnosticLearnState(Phase.TIMED_OUT, 1, 10 * S + 1, 0, 0));
            late.perform("press N unlock");
            assertThat(late.car().receiver().slots().get(1)).isEmpty();
            assertThat(late.car().diagnostics().faults().entry(FaultMemory.Fault.DIAGNOSTIC_LEARN_TIMEOUT))
                    .isPresent();
        }

        @Test
        void aLowBatteryCodeIsRefusedAndTheLearnWaitsOn() {
            Bench b = Benches.bench(
                    R53_2002, KeySpec.remoteKey("N", SERIAL_NEW, 0).notLearned().battery(0.05));
            b.car().diagnostics().startDiagnosticLearn(0, 30 * S);

            b.perform("press N unlock");

            assertThat(b.rejections())
                    .extracting(CarEvent.RemoteCodeRejected::reason)
                    .containsExactly(CarEvent.CodeReject.BATTERY_TOO_LOW);
            assertThat(b.car().diagnostics().diagnosticLearn().waiting()).isTrue();
        }

        @Test
        void aForgedCodeIsRefused() {
            Bench b = Benches.withNewRemote(R53_2002);
            b.car().diagnostics().startDiagnosticLearn(0, 30 * S);

            b.car().inputs().receive(new Transmission.Code(SERIAL_NEW, 5, 2, false, 12345));

            assertThat(b.rejections())
                    .extracting(CarEvent.RemoteCodeRejected::reason)
                    .containsExactly(CarEvent.CodeReject.INVALID_CODE);
            assertThat(b.car().diagnostics().diagnosticLearn().waiting()).isTrue();
        }

        @Test
        void anUncodedReceiverCannotStartIt() {
            Bench b = Benches.withNewRemote(R53_2002);
            b.perform("replace receiver");

            assertThat(b.car().diagnostics().startDiagnosticLearn(0, 30 * S)).isFalse();
            assertThat(b.car().diagnostics().diagnosticLearn().phase()).isEqualTo(Phase.IDLE);
        }

        @Test
        void aReceiverReplacementOrAPowerLossCancelsIt() {
            Bench b = Benches.withNewRemote(R53_2002);
            b.car().diagnostics().startDiagnosticLearn(0, 30 * S);
            b.perform("replace receiver");
            assertThat(b.car().diagnostics().diagnosticLearn().phase()).isEqualTo(Phase.CANCELLED);

            Bench p = Benches.withNewRemote(R53_2002);
            p.car().diagnostics().startDiagnosticLearn(0, 30 * S);
            p.perform("car-battery disconnect");
            assertThat(p.events(CarEvent.DiagnosticLearnEnded.class))
                    .extracting(CarEvent.DiagnosticLearnEnded::outcome)
                    .containsExactly(Phase.CANCELLED);
            p.perform("car-battery connect");
            assertThat(p.car().diagnostics().diagnosticLearn().phase())
                    .as("results are volatile")
                    .isEqualTo(Phase.IDLE);
        }

        @Test
        void onTheR56TheCasReadsTheKeyPutInTheIgnition() {
            Bench b = Benches.withNewRemote(R56);
            b.car().diagnostics().startDiagnosticLearn(4, 30 * S);

            b.after("1s", "insert N");

            assertThat(b.car().diagnostics().diagnosticLearn())
                    .isEqualTo(new DiagnosticLearnState(Phase.LEARNED, 4, S, SERIAL_NEW, 100));
        }

        @Test
        void onAGestureProfileAKeyInTheIgnitionIsNotLearned() {
            Bench b = Benches.withNewRemote(R53_2005);
            b.car().diagnostics().startDiagnosticLearn(4 - 1, 30 * S);

            b.after("1s", "insert N");

            assertThat(b.car().diagnostics().diagnosticLearn().waiting()).isTrue();
        }

        @Test
        void badArguments() {
            Bench b = Benches.withNewRemote(R53_2002);
            assertThatThrownBy(() -> b.car().diagnostics().startDiagnosticLearn(4, S))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.car().diagnostics().startDiagnosticLearn(0, 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class SlotWrites {

        @Test
        void writeThenTheRemoteWorks() {
            Bench b = Benches.withNewRemote(R53_2002);

            assertThat(b.car().diagnostics().writeRemoteCode(3, SERIAL_NEW, 100))
                    .isTrue();
            b.perform("press N unlock");

            assertThat(b.events(CarEvent.RemoteCodeAccepted.class))
                    .extracting(CarEvent.RemoteCodeAccepted::serial, CarEvent.RemoteCodeAccepted::slot)
                    .containsExactly(tuple(SERIAL_NEW, 3));
            assertThat(b.events(CarEvent.SlotWritten.class))
                    .containsExactly(new CarEvent.SlotWritten(0, 3, SERIAL_NEW, 100));
        }

        @Test
        void writingARemoteThatHasASlotMovesItAndEraseEmpties() {
            Bench b = Benches.withNewRemote(R53_2002);

            b.car().diagnostics().writeRemoteCode(2, SERIAL_A, 500);
            assertThat(b.car().receiver().slots())
                    .extracting(s -> s.map(Slot::serial))
                    .containsExactly(Optional.empty(), Optional.empty(), Optional.of(SERIAL_A), Optional.empty());

            assertThat(b.car().diagnostics().eraseRemoteCode(2)).isTrue();
            assertThat(b.car().receiver().slots()).containsOnly(Optional.empty());
        }

        @Test
        void codesWrittenIntoAnUncodedReceiverWaitForCoding() {
            Bench b = Benches.withNewRemote(R53_2002);
            b.perform("replace receiver");
            b.car().diagnostics().writeRemoteCode(0, SERIAL_A, 100);

            b.perform("press A unlock");
            assertThat(b.rejections())
                    .extracting(CarEvent.RemoteCodeRejected::reason)
                    .containsExactly(CarEvent.CodeReject.RECEIVER_NOT_CODED);
            assertThat(b.car().diagnostics().codeReceiver(VIN)).isEqualTo(CodingResult.CODED);
            b.after("1s", "press A unlock");
            assertThat(b.events(CarEvent.RemoteCodeAccepted.class)).hasSize(1);
        }

        @Test
        void badArgumentsAndNoPower() {
            Bench b = Benches.withNewRemote(R53_2002);
            assertThatThrownBy(() -> b.car().diagnostics().writeRemoteCode(4, SERIAL_NEW, 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.car().diagnostics().writeRemoteCode(0, 0, 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.car().diagnostics().writeRemoteCode(0, 0x1000_0000, 1))
                    .isInstanceOf(IllegalArgumentException.class);
            b.perform("car-battery disconnect");
            assertThat(b.car().diagnostics().writeRemoteCode(1, SERIAL_NEW, 1)).isFalse();
            assertThat(b.car().diagnostics().eraseRemoteCode(0)).isFalse();
        }
    }

    @Nested
    class Coding {

        @Test
        void onlyTheCarsVinCodesTheReceiver() {
            Bench b = Benches.withNewRemote(R53_2005);
            b.perform("replace receiver");

            assertThat(b.car().diagnostics().codeReceiver("WMWRE33546TN00000")).isEqualTo(CodingResult.VIN_MISMATCH);
            assertThat(b.car().receiver().coded()).isFalse();
            assertThat(b.car().diagnostics().codeReceiver(VIN)).isEqualTo(CodingResult.CODED);
            assertThat(b.car().receiver().coded()).isTrue();
            assertThat(b.events(CarEvent.ReceiverCodingRefused.class))
                    .extracting(CarEvent.ReceiverCodingRefused::why)
                    .containsExactly("not this car's VIN");
        }

        @Test
        void aCarThatDoesNotKnowItsVinCannotBeCoded() {
            Bench b = Benches.bench(R53_2005);
            b.perform("replace receiver");

            assertThat(b.car().diagnostics().codeReceiver(VIN)).isEqualTo(CodingResult.NO_VEHICLE_IDENTITY);
            assertThat(b.car().receiver().coded()).isFalse();
        }

        @Test
        void noPowerNoCoding() {
            Bench b = Benches.withNewRemote(R53_2005);
            b.perform("replace receiver").perform("car-battery disconnect");

            assertThat(b.car().diagnostics().codeReceiver(VIN)).isEqualTo(CodingResult.NO_POWER);
        }
    }

    @Nested
    class IoControl {

        @Test
        void theTestersActuatorIsLeftAloneByTheModuleUntilControlReturns() {
            Bench b = Benches.withNewRemote(R53_2005);

            assertThat(b.car().diagnostics().ioControlLock("passenger", LockState.UNLOCKED))
                    .isTrue();
            b.perform("press A lock");
            assertThat(b.car().status().lockState("passenger")).isEqualTo(LockState.UNLOCKED);
            assertThat(b.car().status().lockState("driver")).isEqualTo(LockState.LOCKED);

            b.car().diagnostics().returnControl();
            b.after("1s", "press A lock");
            assertThat(b.car().status().lockState("passenger")).isEqualTo(LockState.LOCKED);
        }

        @Test
        void chimeUnknownDoorAndNoPower() {
            Bench b = Benches.withNewRemote(R53_2005);
            assertThat(b.car().diagnostics().ioControlChime()).isTrue();
            assertThat(b.events(CarEvent.Chime.class)).hasSize(1);
            assertThat(b.car().diagnostics().ioControlLock("sunroof", LockState.LOCKED))
                    .isFalse();

            b.perform("car-battery disconnect");
            assertThat(b.car().diagnostics().ioControlLock("driver", LockState.UNLOCKED))
                    .isFalse();
            assertThat(b.car().diagnostics().ioControlChime()).isFalse();
        }
    }

    @Nested
    class EcuReset {

        @Test
        void volatileStateGoesNonVolatileStays() {
            Bench b = Benches.withNewRemote(R53_2005);
            b.car().inputs().changeSetting("audio", "cd");
            b.perform("press A unlock");
            b.perform("console unlock").after("1s", "insert A");
            for (int i = 0; i < 4; i++) {
                b.after("1s", "ignition 2").after("1s", "ignition 0");
            }
            b.after("1s", "remove key");
            b.car().diagnostics().ioControlLock("driver", LockState.LOCKED);
            b.car().diagnostics().startDiagnosticLearn(3, 30 * S);
            assertThat(b.car().status().learnWindowOpen()).isTrue();
            List<Long> restarts = new ArrayList<>();
            b.car().diagnostics().onRestart(() -> restarts.add(b.now()));

            b.after("1s", "wait");
            b.car().diagnostics().ecuReset();

            assertThat(b.car().status().learnWindowOpen()).isFalse();
            assertThat(b.car().status().cycleCount()).isZero();
            assertThat(b.car().diagnostics().diagnosticLearn().phase()).isEqualTo(Phase.IDLE);
            assertThat(b.car().diagnostics().underDiagnosticControl("driver")).isFalse();
            assertThat(b.car().receiver().lastCodeStatus()).isEqualTo(RemoteReceiver.LastCodeStatus.NONE);
            assertThat(b.car().receiver().lastValidCode()).isEmpty();
            assertThat(restarts).containsExactly(b.now());
            // kept
            assertThat(b.car().receiver().slotOf(SERIAL_A)).isPresent();
            assertThat(b.car().receiver().coded()).isTrue();
            assertThat(b.car().status().keyMemorySettings("unidentified")).containsEntry("audio", "cd");
            assertThat(b.events(CarEvent.LearnWindowClosed.class))
                    .extracting(CarEvent.LearnWindowClosed::reason)
                    .containsExactly(CarEvent.WindowClose.ECU_RESET);
            assertThat(b.timeline().events().stream()
                            .filter(e -> e.at() == b.now())
                            .map(e -> e.getClass().getSimpleName()))
                    .startsWith("EcuReset");
        }

        @Test
        void theCarBatteryConnectedAgainIsARestartToo() {
            Bench b = Benches.withNewRemote(R53_2005);
            List<Long> restarts = new ArrayList<>();
            b.car().diagnostics().onRestart(() -> restarts.add(b.now()));

            b.perform("car-battery disconnect");
            assertThat(restarts).isEmpty();
            b.after("10s", "car-battery connect");

            assertThat(restarts).containsExactly(b.now());
        }

        @Test
        void refusedWithoutPower() {
            Bench b = Benches.withNewRemote(R53_2005);
            b.perform("car-battery disconnect");
            List<Long> restarts = new ArrayList<>();
            b.car().diagnostics().onRestart(() -> restarts.add(b.now()));

            b.car().diagnostics().ecuReset();

            assertThat(restarts).isEmpty();
            assertThat(b.events(CarEvent.InputRefused.class))
                    .extracting(CarEvent.InputRefused::input)
                    .containsExactly("ECU reset");
        }
    }

    @Nested
    class SecurityMemoryRules {

        @Test
        void aDelayRunsUntilItsEndExclusive() {
            SecurityMemory m = new SecurityMemory();
            m.startDelay(0, 10 * S, 10 * S);

            assertThat(m.delayRunning(10 * S - 1)).isTrue();
            assertThat(m.delayRunning(10 * S)).isFalse();
        }

        @Test
        void aStopAndStartWhileItRunsRestartsItAfterTheStart() {
            SecurityMemory m = new SecurityMemory();
            m.startDelay(0, 10 * S, 10 * S);
            m.moduleStopped(2 * S);
            m.moduleStarted(60 * S);

            assertThat(m.delayEndsAt()).isEqualTo(70 * S);
        }

        @Test
        void aRestartNeverShortensTheDelay() {
            SecurityMemory m = new SecurityMemory();
            m.startDelay(0, 60 * S, 10 * S);
            m.moduleStopped(5 * S);
            m.moduleStarted(5 * S);

            assertThat(m.delayEndsAt()).isEqualTo(60 * S);
        }

        @Test
        void noDelayRunningNoRestart() {
            SecurityMemory m = new SecurityMemory();
            m.startDelay(0, 10 * S, 10 * S);
            m.moduleStopped(10 * S + 500 * MS);
            m.moduleStarted(11 * S);

            assertThat(m.delayRunning(11 * S)).isFalse();
        }

        @Test
        void attemptsAreCountedAndStartAgainWithTheDelay() {
            SecurityMemory m = new SecurityMemory();
            assertThat(m.recordFailure()).isEqualTo(1);
            assertThat(m.recordFailure()).isEqualTo(2);
            m.startDelay(0, S, S);
            assertThat(m.failedAttempts()).isZero();
            assertThat(m.nextSeedIndex()).isZero();
            assertThat(m.nextSeedIndex()).isEqualTo(1);
        }
    }
}
