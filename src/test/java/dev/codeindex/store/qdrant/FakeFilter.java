package dev.codeindex.store.qdrant;

import io.grpc.Status;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.Match;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a Qdrant filter on one point the way Qdrant does: {@code must} all, {@code must_not}
 * none, {@code should} at least one; a keyword matches a string field, or any element of a list field.
 * Conditions the store never sends answer UNIMPLEMENTED, so the fake never guesses.
 */
final class FakeFilter {
    private FakeFilter() {}

    static boolean matches(Filter f, String id, Map<String, Value> payload) {
        for (Condition c : f.getMustList()) {
            if (!matches(c, id, payload)) {
                return false;
            }
        }
        for (Condition c : f.getMustNotList()) {
            if (matches(c, id, payload)) {
                return false;
            }
        }
        if (f.getShouldCount() > 0 && f.getShouldList().stream().noneMatch(c -> matches(c, id, payload))) {
            return false;
        }
        if (f.hasMinShould()) {
            long n = f.getMinShould().getConditionsList().stream().filter(c -> matches(c, id, payload)).count();
            return n >= f.getMinShould().getMinCount();
        }
        return true;
    }

    private static boolean matches(Condition c, String id, Map<String, Value> payload) {
        return switch (c.getConditionOneOfCase()) {
            case FIELD -> matches(c.getField(), payload.get(c.getField().getKey()));
            case FILTER -> matches(c.getFilter(), id, payload);
            case HAS_ID -> c.getHasId().getHasIdList().stream().map(PointId::getUuid).anyMatch(id::equals);
            default -> throw unimplemented("condition " + c.getConditionOneOfCase());
        };
    }

    private static boolean matches(FieldCondition f, Value v) {
        if (!f.hasMatch() || f.hasRange() || f.hasValuesCount() || f.hasGeoRadius() || f.hasGeoBoundingBox()
                || f.hasGeoPolygon() || f.hasDatetimeRange()) {
            throw unimplemented("field condition " + f);
        }
        List<Value> values = v == null ? List.of() : v.hasListValue() ? v.getListValue().getValuesList() : List.of(v);
        Match m = f.getMatch();
        return switch (m.getMatchValueCase()) {
            case KEYWORD -> values.stream().anyMatch(x -> x.hasStringValue() && x.getStringValue().equals(m.getKeyword()));
            case KEYWORDS -> values.stream().anyMatch(x -> x.hasStringValue()
                    && m.getKeywords().getStringsList().contains(x.getStringValue()));
            case INTEGER -> values.stream().anyMatch(x -> x.hasIntegerValue() && x.getIntegerValue() == m.getInteger());
            default -> throw unimplemented("match " + m.getMatchValueCase());
        };
    }

    static RuntimeException unimplemented(String what) {
        return Status.UNIMPLEMENTED.withDescription("the fake Qdrant does not do " + what).asRuntimeException();
    }
}
