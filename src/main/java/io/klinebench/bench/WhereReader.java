package io.klinebench.bench;

import io.klinebench.car.Profile;
import io.klinebench.config.ConfigException;
import io.klinebench.config.Node;
import io.klinebench.config.Values;
import io.klinebench.time.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an expectation's {@code where} and refuses every value its event can never show: an
 * unknown field, a misspelt reason, a slot the profile does not have, a key the car section
 * does not define. Such a value would make the expectation fail for the wrong reason, or,
 * with {@code absent: true}, pass whatever the car does.
 */
final class WhereReader {

    private final Profile profile;
    private final CarSetup setup;

    WhereReader(Profile profile, CarSetup setup) {
        this.profile = profile;
        this.setup = setup;
    }

    /** The field names and values of {@code where}, each checked against {@code event}'s field texts. */
    Map<String, String> read(String event, Class<? extends Event> type, Node.Mapping where) throws ConfigException {
        Map<String, FieldText> fields = EventFields.fieldTexts(type);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> f : where.entries().entrySet()) {
            String field = f.getKey();
            FieldText texts = fields.get(field);
            if (texts == null) {
                throw new ConfigException(
                        where.keyPos().get(field),
                        "event '" + event + "' has no field '" + field + "'; its fields are: "
                                + String.join(", ", fields.keySet()));
            }
            texts = ofThisCar(field, texts);
            String v = Values.text(f.getValue(), "where." + field);
            if (!texts.canMatch(v)) {
                throw new ConfigException(
                        f.getValue().pos(),
                        "where." + field + ": '" + v + "' never matches: the " + field + " of " + event + " is "
                                + texts.describe());
            }
            out.put(field, v);
        }
        return out;
    }

    /**
     * Narrows what the record types allow by what this car has: the types say a slot is an
     * int and a door a String, the profile and the car section say which.
     */
    private FieldText ofThisCar(String field, FieldText fromType) {
        if (!(fromType instanceof FieldText.AnyText
                || fromType instanceof FieldText.WholeNumber
                || fromType instanceof FieldText.Serial)) {
            return fromType; // an enum or a flag called so says itself what it shows
        }
        return switch (field) {
            case "slot" ->
                new FieldText.WholeNumber(
                        0,
                        profile.slots() - 1,
                        " (profile " + profile.name() + " has " + profile.slots() + " slots, from 0)");
            case "remote" -> new FieldText.OneOf(remotes(), "one of the keys with a remote in the car section");
            case "key" ->
                new FieldText.OneOf(
                        setup.keys().stream().map(KeySpec::id).toList(), "one of the keys in the car section");
            case "door" -> new FieldText.OneOf(profile.doors(), "one of the doors of profile " + profile.name());
            case "serial" ->
                remoteSerials().isEmpty()
                        ? fromType
                        : new FieldText.Serial(remoteSerials().get(0));
            default -> fromType;
        };
    }

    private List<String> remotes() {
        return setup.keys().stream().filter(KeySpec::hasRemote).map(KeySpec::id).toList();
    }

    private List<String> remoteSerials() {
        return setup.keys().stream()
                .filter(KeySpec::hasRemote)
                .map(k -> EventFields.hex(k.serial()))
                .toList();
    }
}
