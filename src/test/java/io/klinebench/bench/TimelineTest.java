package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.car.CarEvent;
import io.klinebench.time.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static CarEvent key(long at) {
        return new CarEvent.KeyInserted(at, "A");
    }

    @Test
    void aBenchTimelineKeepsEveryEvent() {
        Timeline t = new Timeline();
        for (int i = 0; i < 100; i++) {
            t.record(key(i));
        }
        assertThat(t.events()).hasSize(100);
        assertThat(t.forgotten()).isZero();
    }

    @Test
    void aSimulatorsTimelineKeepsTheLatestEventsAndCountsTheRest() {
        Timeline t = Timeline.keepingLast(3);
        List<Event> heard = new ArrayList<>();
        t.onRecord(heard::add);
        for (int i = 0; i < 10; i++) {
            t.record(key(i));
        }
        assertThat(t.events()).extracting(Event::at).containsExactly(7L, 8L, 9L);
        assertThat(t.forgotten()).isEqualTo(7);
        assertThat(heard).as("listeners hear every event").hasSize(10);
    }

    @Test
    void aLateEventTakesItsPlaceInTheKeptWindow() {
        Timeline t = Timeline.keepingLast(3);
        for (int i = 0; i < 5; i++) {
            t.record(key(i * 10));
        }
        t.recordLate(key(35));
        assertThat(t.events()).extracting(Event::at).containsExactly(30L, 35L, 40L);
        assertThat(t.forgotten()).isEqualTo(3);
    }

    @Test
    void memoryStaysBoundedOverManyEvents() {
        Timeline t = Timeline.keepingLast(1000);
        for (int i = 0; i < 1_000_000; i++) {
            t.record(key(i));
        }
        assertThat(t.events()).hasSize(1000);
        assertThat(t.events().get(0).at()).isEqualTo(999_000L);
        assertThat(t.forgotten()).isEqualTo(999_000L);
    }
}
