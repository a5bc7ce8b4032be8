package io.klinebench.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.dcan.CanFrame;
import io.klinebench.dcan.FlowStatus;
import io.klinebench.dcan.IsoTpFrame;
import io.klinebench.dcan.SeparationTime;
import io.klinebench.line.Hex;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden ISO-TP frames of {@code golden/isotp.txt} (single, first, consecutive, flow
 * control): each reads as the fields the file gives and encodes back to the same 8 bytes. (It
 * lives beside the other golden tests to share their file reader.) Split and noised messages
 * are {@code dcan/IsoTpTransferTest}'s.
 */
class IsoTpGoldenFramesTest {

    record Golden(GoldenLine line, IsoTpFrame frame) {
        @Override
        public String toString() {
            return line.toString();
        }
    }

    static final List<Golden> GOLDEN = GoldenLine.read("isotp.txt").stream()
            .map(l -> new Golden(l, fromFields(l)))
            .collect(Collectors.toList());

    static List<Golden> golden() {
        return GOLDEN;
    }

    static IsoTpFrame fromFields(GoldenLine l) {
        String[] f = l.fields();
        int target = Integer.parseInt(f[1], 16);
        return switch (f[0]) {
            case "SF" -> new IsoTpFrame.SingleFrame(target, l.data());
            case "FF" -> new IsoTpFrame.FirstFrame(target, Integer.parseInt(f[2]), l.data());
            case "CF" -> new IsoTpFrame.ConsecutiveFrame(target, Integer.parseInt(f[2], 16), l.data());
            case "FC" ->
                new IsoTpFrame.FlowControl(
                        target,
                        FlowStatus.valueOf(f[2].equals("CTS") ? "CONTINUE_TO_SEND" : f[2]),
                        Integer.parseInt(f[3]),
                        new SeparationTime(Integer.parseInt(f[4], 16)));
            default -> throw new IllegalArgumentException(l + ": type SF, FF, CF or FC, not " + f[0]);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void readsAsTheFieldsOfTheFile(Golden g) {
        IsoTpFrame.Parsed parsed =
                IsoTpFrame.decode(new CanFrame(0x6F1, g.line().wire()));
        assertThat(parsed).isEqualTo(new IsoTpFrame.Ok(g.frame()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void encodesToTheSameEightBytes(Golden g) {
        CanFrame can = g.frame().encode(0x640);
        assertThat(can.id()).isEqualTo(0x640);
        assertThat(Hex.of(can.data())).isEqualTo(Hex.of(g.line().wire()));
    }

    @Test
    void theFileHasEveryFrameTypeAndFlowStatus() {
        assertThat(GOLDEN.stream()
                        .map(g -> g.frame().getClass().getSimpleName())
                        .distinct())
                .containsExactlyInAnyOrder("SingleFrame", "FirstFrame", "ConsecutiveFrame", "FlowControl");
        assertThat(GOLDEN.stream()
                        .map(Golden::frame)
                        .filter(f -> f instanceof IsoTpFrame.FlowControl)
                        .map(f -> ((IsoTpFrame.FlowControl) f).status())
                        .distinct())
                .containsExactlyInAnyOrder(FlowStatus.values());
    }

    /** What is not an ISO-TP frame with extended addressing says why, and is never a frame. */
    @Test
    void badFramesSayWhy() {
        List<String> bad = List.of(
                "40", // no PCI
                "40 00 00 00 00 00 00 00", // SF length 0
                "40 07 01 02 03 04 05 06", // SF length 7: more than fits after the address
                "40 03 21 01", // SF claiming 3 in 2 bytes
                "40 10 06 01 02 03 04 05", // FF announcing 6: a single frame would do
                "40 10 20 01 02", // FF in fewer than 8 bytes
                "40 20", // CF without data
                "40 33 00 00 00 00 00 00", // reserved flow status
                "40 30 00", // FC too short
                "40 40 00 00 00 00 00 00"); // reserved frame type
        for (String b : bad) {
            IsoTpFrame.Parsed p = IsoTpFrame.decode(new CanFrame(0x6F1, Hex.parse(b)));
            assertThat(p).as(b).isInstanceOf(IsoTpFrame.Bad.class);
            assertThat(((IsoTpFrame.Bad) p).why()).as(b).isNotBlank();
        }
    }
}
