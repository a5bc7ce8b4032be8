package io.klinebench.kline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.line.Bytes;
import io.klinebench.line.Hex;
import io.klinebench.time.Durations;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each fault does to an answer, and which answers each trigger picks. */
class FaultPlanTest {

    private static final byte[] FRAME = Hex.parse("83 F1 40 61 01 02 B8");
    private static final Bytes READ = Bytes.of(Hex.parse("21 01"));
    private static final long MS = Durations.MS;

    private final FaultPlan plan = new FaultPlan();

    private FaultPlan.Transmission next() {
        return plan.shape(READ, FRAME, 0, 30 * MS, 5 * MS);
    }

    @Test
    void withNothingArmedTheAnswerGoesOutAsBuilt() {
        FaultPlan.Transmission t = next();
        assertThat(t.bytes()).isEqualTo(FRAME);
        assertThat(t.at()).containsExactly(30 * MS, 35 * MS, 40 * MS, 45 * MS, 50 * MS, 55 * MS, 60 * MS);
        assertThat(t.injected()).isEmpty();
    }

    @Test
    void eachFaultAsItsWordsSay() {
        plan.arm(new Fault.Late(20 * MS), new FaultTrigger.After(0));
        assertThat(next().at()).startsWith(50 * MS, 55 * MS).endsWith(80 * MS);

        plan.arm(new Fault.Stall(2, 40 * MS), new FaultTrigger.After(0));
        assertThat(next().at()).startsWith(30 * MS, 35 * MS, 80 * MS, 85 * MS);

        plan.arm(new Fault.DropByte(4), new FaultTrigger.After(0));
        FaultPlan.Transmission dropped = next();
        assertThat(Hex.of(dropped.bytes())).isEqualTo("83 F1 40 01 02 B8");
        assertThat(dropped.at()).hasSize(6).doesNotContain(45 * MS);

        plan.arm(new Fault.BadChecksum(), new FaultTrigger.After(0));
        assertThat(Hex.of(next().bytes())).isEqualTo("83 F1 40 61 01 02 47");

        plan.arm(new Fault.FlipByte(5, 0x80), new FaultTrigger.After(0));
        assertThat(Hex.of(next().bytes())).isEqualTo("83 F1 40 61 81 02 B8");

        plan.arm(new Fault.InsertByte(2, 0x55), new FaultTrigger.After(0));
        FaultPlan.Transmission inserted = next();
        assertThat(Hex.of(inserted.bytes())).isEqualTo("83 55 F1 40 61 01 02 B8");
        assertThat(inserted.at()).startsWith(30 * MS, 35 * MS, 40 * MS).endsWith(65 * MS);

        plan.arm(new Fault.WrongSource(0x12), new FaultTrigger.After(0));
        assertThat(Hex.of(plan.shape(
                                READ,
                                Hex.parse("83 F1 40 61 01 02 18"),
                                new FaultPlan.Layout(2, false),
                                0,
                                30 * MS,
                                5 * MS)
                        .bytes()))
                .as("KWP2000: source 40 -> 12, the sum checksum fitted again")
                .isEqualTo("83 F1 12 61 01 02 EA");
        plan.arm(new Fault.WrongSource(0x12), new FaultTrigger.After(0));
        assertThat(Hex.of(plan.shape(READ, Hex.parse("00 06 A0 12 34 80"), new FaultPlan.Layout(0, true), 0, 0, MS)
                        .bytes()))
                .as("DS2: address 00 -> 12, the XOR checksum fitted again")
                .isEqualTo("12 06 A0 12 34 92");

        plan.arm(new Fault.Twice(), new FaultTrigger.After(0));
        FaultPlan.Transmission twice = next();
        assertThat(Hex.of(twice.bytes())).isEqualTo("83 F1 40 61 01 02 B8 83 F1 40 61 01 02 B8");
        assertThat(twice.at()[7])
                .as("the second copy P2 (30 ms) after the first's last byte")
                .isEqualTo(90 * MS);

        plan.arm(new Fault.Silent(), new FaultTrigger.After(0));
        assertThat(next().bytes()).isEmpty();

        assertThat(next().bytes()).as("each was made once").isEqualTo(FRAME);
    }

    @Test
    void atARequestAfterNAnswersOrByChanceFromASeed() {
        plan.arm(new Fault.Silent(), new FaultTrigger.AtRequest(Bytes.of(Hex.parse("1A"))));
        plan.arm(new Fault.BadChecksum(), new FaultTrigger.After(2));
        assertThat(next().injected()).isEmpty(); // 1st answer since armed
        assertThat(next().injected()).isEmpty(); // 2nd
        assertThat(next().injected())
                .singleElement()
                .satisfies(a -> assertThat(a.text()).isEqualTo("bad-checksum after 2"));
        assertThat(plan.shape(Bytes.of(Hex.parse("1A 80")), FRAME, 0, 0, MS).bytes())
                .isEmpty();
        assertThat(plan.isEmpty()).isTrue();

        List<Boolean> first = draws(0.3, 7);
        assertThat(first).as("the same seed, the same faults").isEqualTo(draws(0.3, 7));
        assertThat(first).contains(true, false);
        assertThat(first.stream().filter(b -> b).count()).isBetween(10L, 60L); // 0.3 of 100, loosely
    }

    private static List<Boolean> draws(double p, long seed) {
        FaultPlan plan = new FaultPlan();
        plan.arm(new Fault.Silent(), new FaultTrigger.Chance(p, seed));
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            out.add(plan.shape(READ, FRAME, 0, 0, MS).bytes().length == 0);
        }
        return out;
    }

    @Test
    void nonsenseIsRefusedWithWhy() {
        assertThatThrownBy(() -> new Fault.Late(0)).hasMessageContaining("above 0");
        assertThatThrownBy(() -> new Fault.DropByte(0)).hasMessageContaining("from 1");
        assertThatThrownBy(() -> new FaultTrigger.Chance(1.5, 1)).hasMessageContaining("at most 1");
    }

    @Test
    void echoFaultsAreMadeOnlyWhereOurSideEchoesAndNumberTheRequestsBytesBetweenAnswers() {
        assertThatThrownBy(() -> plan.arm(new Fault.NoEcho(), new FaultTrigger.After(0)))
                .hasMessage("'fault no-echo' cannot be made here: nothing on this line echoes the tester's bytes");
        FaultPlan onCable = new FaultPlan();
        onCable.echoIsNotOurs("the cable echoes");
        assertThatThrownBy(() -> onCable.arm(new Fault.NoEcho(), new FaultTrigger.After(0)))
                .hasMessageEndingWith("cannot be made here: the cable echoes");

        var echo = plan.echoes();
        plan.arm(new Fault.GarbledEcho(2, 0x01), new FaultTrigger.After(1));
        assertThat(List.of(echo.echoOf(0x82), echo.echoOf(0x40)))
                .as("this request: not yet")
                .containsExactly(0x82, 0x40);
        next();
        assertThat(List.of(echo.echoOf(0x82), echo.echoOf(0x40), echo.echoOf(0xF1)))
                .as("the request after one answer: its second byte")
                .containsExactly(0x82, 0x41, 0xF1);
        assertThat(plan.echoFaultsMade())
                .singleElement()
                .satisfies(a -> assertThat(a.text()).isEqualTo("garble-echo 2 01 after 1"));
        assertThat(plan.echoFaultsMade()).as("said once").isEmpty();
        next();
        assertThat(echo.echoOf(0x82)).as("made once").isEqualTo(0x82);
        assertThatThrownBy(() -> plan.arm(new Fault.NoEcho(), new FaultTrigger.AtRequest(READ)))
                .hasMessageContaining("cannot wait for a named request");
    }

    @Test
    void aCollisionAndsTheByteAndCutsTheAnswerAfterIt() {
        plan.arm(new Fault.Collision(3, 0x0F), new FaultTrigger.After(0));
        FaultPlan.Transmission t = next();
        assertThat(Hex.of(t.bytes())).isEqualTo("83 F1 00");
        assertThat(t.at()).containsExactly(30 * MS, 35 * MS, 40 * MS);
    }
}
