package com.merchantpay.schemas.compatibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * BACKWARD compatibility, as the registry defines it: a consumer that has the new schema can read
 * every record written with the released one. Also: a released record may not disappear, because
 * its records stay on the topics.
 */
final class BackwardCompatibilityGate {

    private BackwardCompatibilityGate() {
    }

    /** One line per problem; empty when the current schemas may ship. */
    static List<String> problems(SchemaSet released, SchemaSet current) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Schema> entry : released.byFullName().entrySet()) {
            Schema now = current.byFullName().get(entry.getKey());
            if (now == null) {
                problems.add(entry.getKey() + ": released schema was removed");
                continue;
            }
            var result = SchemaCompatibility.checkReaderWriterCompatibility(now, entry.getValue());
            if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add(entry.getKey() + ": not backward compatible: " + result.getResult().getIncompatibilities());
            }
        }
        return problems;
    }
}
