package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** A remote serial is written as String.format("%07X") writes it, for every int. */
class EventFieldsHexProperties {

    @Property
    void asFormatWritesIt(@ForAll int serial) {
        assertThat(EventFields.hex(serial)).isEqualTo(String.format("%07X", serial));
    }

    @Example
    void atTheEdges() {
        for (int serial : new int[] {0, 0xF, 0x1A2B3C, 0xFFFFFFF, 0x10000000, -1, Integer.MIN_VALUE}) {
            assertThat(EventFields.hex(serial)).isEqualTo(String.format("%07X", serial));
        }
    }
}
