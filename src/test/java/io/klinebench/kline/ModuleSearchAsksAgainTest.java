package io.klinebench.kline;

import static io.klinebench.time.Durations.MS;
import static io.klinebench.time.Durations.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.line.KLineBus;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.LineEvent;
import io.klinebench.time.Uncertainty;
import io.klinebench.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A module search on a real line whose module's first answer reaches the tester broken: a byte
 * of it held beyond the inter-byte limit and the line's uncertainty, as a stop of a busy machine
 * holds it (SimTwoLinesIT saw one of 99 ms under load, and the search took the EHPS for absent).
 * The module answered, so it is there: the search asks it once more and says why; on the bench's
 * strict line it does not.
 */
class ModuleSearchAsksAgainTest {

    /** Answer 20 ms after the request, 1 ms between its bytes, 100 ms response timeout, 10 ms inter-byte limit. */
    private static final Ds2Timing EHPS = new Ds2Timing(20 * MS, MS, 100 * MS, 10 * MS, 10 * MS, 30 * S);

    private static final Uncertainty CABLE = new Uncertainty(45 * MS, "a cable, stated");

    private final VirtualClock clock = new VirtualClock();
    private final KLineBus bus = new KLineBus(clock, false);
    private final List<LinkEvent> events = new ArrayList<>();
    private int asked;

    /**
     * The EHPS at 31, answering each request ({@code 31 04 00 35}) with {@code 31 05 A0 01 95};
     * the first answer held {@code heldMs} before its last byte.
     */
    private void ehps(long heldMs) {
        LineEndpoint end = bus.attach("EHPS 31");
        List<Integer> got = new ArrayList<>();
        end.onReceive(e -> {
            if (!(e instanceof LineEvent.Byte b)) {
                return;
            }
            got.add(b.value());
            if (got.size() < 4) {
                return;
            }
            got.clear();
            asked++;
            byte[] answer = new Ds2Telegram(0x31, new byte[] {(byte) 0xA0, 0x01}).encode();
            long t = clock.nanos() + EHPS.ecuResponseDelay();
            for (int i = 0; i < answer.length; i++) {
                int value = answer[i] & 0xFF;
                t += i == answer.length - 1 && asked == 1 ? heldMs * MS : MS;
                clock.schedule(t, () -> end.send(value));
            }
        });
    }

    private List<LinkEvent.ModuleProbed> search(LineConditions conditions) {
        new ModuleSearch(
                        clock,
                        bus.tester(),
                        conditions,
                        EHPS,
                        List.of(new ModuleSearch.Probe("EHPS", 0x31, ModuleSearch.Kind.DS2)),
                        events::add)
                .start();
        clock.advanceBy(2 * S);
        return events.stream()
                .filter(LinkEvent.ModuleProbed.class::isInstance)
                .map(LinkEvent.ModuleProbed.class::cast)
                .toList();
    }

    @Test
    void aModuleWhoseAnswerCameBrokenIsAskedOnceMoreAndFound() {
        ehps(99);
        List<LinkEvent.ModuleProbed> probes = search(LineConditions.real(false, CABLE));

        assertThat(asked).isEqualTo(2);
        assertThat(probes).singleElement().satisfies(p -> {
            assertThat(p.answered()).isTrue();
            assertThat(p.data()).hasToString("A0 01");
        });
        assertThat(events)
                .filteredOn(LinkEvent.Ignored.class::isInstance)
                .singleElement()
                .asString()
                .contains("module search: EHPS 31 31 04 00 35")
                .contains("its answer reached us broken (inter_byte_timeout: 31 05 A0 01)")
                .contains("asked again");
    }

    @Test
    void aByteHeldWithinTheLinesUncertaintyIsTakenAtTheFirstAsking() {
        ehps(50); // 40 ms beyond the 10 ms limit: within the cable's +-45 ms
        List<LinkEvent.ModuleProbed> probes = search(LineConditions.real(false, CABLE));

        assertThat(asked).isEqualTo(1);
        assertThat(probes)
                .singleElement()
                .satisfies(p -> assertThat(p.answered()).isTrue());
    }

    @Test
    void onTheBenchsStrictLineABrokenAnswerIsAnAbsentModule() {
        ehps(99);
        List<LinkEvent.ModuleProbed> probes = search(LineConditions.bench());

        assertThat(asked).isEqualTo(1);
        assertThat(probes)
                .singleElement()
                .satisfies(p -> assertThat(p.answered()).isFalse());
        assertThat(events).noneMatch(LinkEvent.Ignored.class::isInstance);
    }
}
