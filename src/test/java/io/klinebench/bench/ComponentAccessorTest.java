package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.car.CarEvent;
import java.lang.reflect.Method;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * An accessor made into a function returns what the accessor returns, boxed: for a public
 * record of the car (the generated class) and for a record hidden in this test (the method
 * handle), primitives and references alike.
 */
class ComponentAccessorTest {

    private record Hidden(long at, int slot, boolean learned, String why) {}

    @Test
    void aPublicRecordsComponentsReadAsTheirAccessorsSay() throws Exception {
        CarEvent.IgnitionChanged e = new CarEvent.IgnitionChanged(1_234L, 1, 2);
        assertThat(read(e, "at")).isEqualTo(1_234L);
        assertThat(read(e, "from")).isEqualTo(1);
        assertThat(read(e, "to")).isEqualTo(2);
        CarEvent.KeyInserted k = new CarEvent.KeyInserted(5L, "key-a");
        assertThat(read(k, "key")).isEqualTo("key-a");
    }

    @Test
    void aRecordNotPubliclyReachableReadsThroughItsHandle() throws Exception {
        Hidden h = new Hidden(7L, 3, true, "because");
        assertThat(read(h, "at")).isEqualTo(7L);
        assertThat(read(h, "slot")).isEqualTo(3);
        assertThat(read(h, "learned")).isEqualTo(true);
        assertThat(read(h, "why")).isEqualTo("because");
        assertThat(read(new Hidden(0L, 0, false, null), "why")).isNull();
    }

    private static Object read(Object record, String component) throws Exception {
        Method m = record.getClass().getDeclaredMethod(component);
        m.setAccessible(true);
        Function<Object, Object> f = ComponentAccessor.of(m);
        return f.apply(record);
    }
}
