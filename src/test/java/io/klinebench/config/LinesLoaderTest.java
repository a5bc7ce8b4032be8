package io.klinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.klinebench.kline.ModuleSearch;
import io.klinebench.protocol.CarLines;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The profiles' {@code diagnostics.lines}: what the R50/R53 files say, and a mistake named at its place. */
class LinesLoaderTest {

    private static String profile(String name) throws Exception {
        return Files.readString(Path.of("bench-config/profiles/" + name + ".yaml"));
    }

    private static CarLines lines(String text) throws Exception {
        return LinesLoader.read(YamlReader.read("p.yaml", new StringReader(text)));
    }

    @Test
    void theR53HasItsTwoLinesWithTheGroupFilesAddresses() throws Exception {
        CarLines l = lines(profile("r50-r53-2005-2008"));
        assertThat(l.pin8())
                .extracting(CarLines.LineModule::name, CarLines.LineModule::address)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("KOMBI", 0x80),
                        org.assertj.core.groups.Tuple.tuple("EWS3", 0x44));
        assertThat(l.pin7())
                .extracting(CarLines.LineModule::name, CarLines.LineModule::protocol)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("EMS2000", ModuleSearch.Kind.KWP2000_STAR),
                        org.assertj.core.groups.Tuple.tuple("EHPS", ModuleSearch.Kind.KWP2000_STAR));
        assertThat(l.pin7().get(0).timing().ecuResponseDelay()).isEqualTo(20_000_000L);
        assertThat(l.search()).hasSize(9);
        assertThat(lines(profile("r56-2007-2013")).isEmpty()).isTrue();
    }

    @Test
    void aModuleOnTheBodyControllersAddressIsNamedAtItsValue() throws Exception {
        String text = profile("r50-r53-2005-2008").replace("address: 0x80            #", "address: 0x00            #");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> lines(text));
        assertThat(e.getMessage()).matches("p\\.yaml:\\d+:18: KOMBI: address 00 is the body controller's already.*");
    }

    @Test
    void anUnknownProtocolIsNamedAtItsValue() throws Exception {
        String text =
                profile("r50-r53-2005-2008").replace("protocol: kwp2000-star   # [src]", "protocol: kwp2001   # [src]");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> lines(text));
        assertThat(e.getMessage()).matches("p\\.yaml:\\d+:19: protocol: 'kwp2001' is not one of: ds2, kwp2000-star");
    }
}
