package io.github.dlfmaven.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.snapshot.DefinitionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mappings on the quick-start sample's definitions: only the fields of each kind change, by exact value. */
class EnvironmentMappingTest {

    private static final Path QUICK_START = Path.of("src/it/quickstart/src/test/dlf");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static ObjectNode read(String path) throws IOException {
        return (ObjectNode) JSON.readTree(QUICK_START.resolve(path).toFile());
    }

    private EnvironmentMapping json(String text) throws Exception {
        return EnvironmentMapping.read(Files.writeString(tmp.resolve("prod.json"), text));
    }

    @Test
    void eachKindChangesItsOwnFieldsAndNothingElse() throws Exception {
        EnvironmentMapping mapping = json("{\"connections\": {\"mrs_hive_retail\": \"mrs_hive_prod\"},"
                + " \"databases\": {\"ods\": \"ods_prod\"}, \"clusters\": {\"mrs_retail\": \"mrs_prod\"},"
                + " \"obsPaths\": {\"obs://retail-etl/\": \"obs://retail-etl-prod/\"},"
                + " \"jobParameters\": {\"bizdate\": \"20261201\"}, \"timeZones\": {\"GMT+08:00\": \"GMT+01:00\"}}");
        ObjectNode job = read("jobs/dwd_orders_clean.job");
        ObjectNode spark = read("jobs/dws_sales_daily.job");
        ObjectNode script = read("scripts/dwd_orders_clean.script");
        String sql = script.get("content").asText();
        EnvironmentMapping.Session session = mapping.start();

        session.apply(DefinitionKind.JOB, "jobs/dwd_orders_clean.job", job);
        session.apply(DefinitionKind.JOB, "jobs/dws_sales_daily.job", spark);
        session.apply(DefinitionKind.SCRIPT, "scripts/dwd_orders_clean.script", script);

        assertEquals("mrs_hive_prod", job.at("/nodes/0/properties/1/value").asText());
        assertEquals("ods_prod", job.at("/nodes/0/properties/2/value").asText());
        assertEquals("dwd", job.at("/nodes/1/properties/2/value").asText(), "another database is left alone");
        assertEquals(
                "table_name=ods.orders\nbizdate=${bizdate}",
                job.at("/nodes/0/properties/3/value").asText());
        assertEquals("GMT+01:00", job.at("/schedule/cron/expressionTimeZone").asText());
        assertEquals("20261201", job.at("/params/0/value").asText());
        assertEquals("mrs_prod", spark.at("/nodes/0/properties/0/value").asText());
        assertEquals(
                "obs://retail-etl-prod/jars/sales-aggregator-1.4.2.jar",
                spark.at("/nodes/0/properties/2/value").asText());
        assertEquals("mrs_hive_prod", script.get("connectionName").asText());
        assertEquals(sql, script.get("content").asText(), "SQL text is never rewritten");
        assertEquals(List.of(), session.unused());
        assertTrue(session.replaced() >= 8, session.replaced() + "");
    }

    @Test
    void anEntryThatMatchesNothingIsReportedAndAForbiddenNameLeftIsFound() throws Exception {
        EnvironmentMapping mapping = json("{\"connections\": {\"mrs_hive_retial\": \"mrs_hive_prod\"},"
                + " \"forbid\": [\"mrs_hive_retail\", \"obs://retail-dlf-logs/\"]}");
        EnvironmentMapping.Session session = mapping.start();

        session.apply(DefinitionKind.JOB, "jobs/dwd_orders_clean.job", read("jobs/dwd_orders_clean.job"));

        assertEquals(List.of("connections.mrs_hive_retial"), session.unused());
        assertEquals(
                List.of(
                        "jobs/dwd_orders_clean.job logPath is still 'obs://retail-dlf-logs/'",
                        "jobs/dwd_orders_clean.job node 'check_ods_partition' connectionName is still 'mrs_hive_retail'",
                        "jobs/dwd_orders_clean.job node 'clean_orders' connectionName is still 'mrs_hive_retail'"),
                session.forbiddenLeft());
    }

    @Test
    void jobParametersAreMappedAndCheckedLikeEveryOtherMappedValue() throws Exception {
        EnvironmentMapping mapping = json("{\"obsPaths\": {\"obs://retail-etl/\": \"obs://retail-etl-prod/\"},"
                + " \"forbid\": [\"mrs_hive_retail\", \"obs://retail-etl/\", \"obs://retail-dev-raw/\"]}");
        ObjectNode job = (ObjectNode) JSON.readTree("{\"name\": \"j\", \"params\": ["
                + "{\"name\": \"source\", \"value\": \"obs://retail-etl/raw/orders/\"},"
                + " {\"name\": \"raw\", \"value\": \"obs://retail-dev-raw/orders/\"},"
                + " {\"name\": \"connection\", \"value\": \"mrs_hive_retail\"},"
                + " {\"name\": \"bizdate\", \"value\": \"${yesterday}\"}]}");
        EnvironmentMapping.Session session = mapping.start();

        session.apply(DefinitionKind.JOB, "jobs/j.job", job);

        assertEquals(
                "obs://retail-etl-prod/raw/orders/", job.at("/params/0/value").asText());
        assertEquals(
                List.of(
                        "jobs/j.job parameter 'raw' is still 'obs://retail-dev-raw/orders/'",
                        "jobs/j.job parameter 'connection' is still 'mrs_hive_retail'"),
                session.forbiddenLeft());
    }

    @Test
    void theLongestObsPrefixWinsAndResourcesAreMappedToo() throws Exception {
        EnvironmentMapping mapping = json("{\"obsPaths\": {\"obs://retail-etl/\": \"obs://etl-prod/\","
                + " \"obs://retail-etl/jars/\": \"obs://jars-prod/\"}}");
        ObjectNode resource = (ObjectNode) JSON.readTree("{\"name\": \"r\", \"location\":"
                + " \"obs://retail-etl/jars/a.jar\", \"dependFiles\": [\"obs://retail-etl/lib/b.jar\", \"x\"],"
                + " \"dependPackages\": [{\"type\": \"jar\", \"location\": \"obs://retail-etl/c.jar\"}]}");

        mapping.start().apply(DefinitionKind.RESOURCE, "resources/r.resource", resource);

        assertEquals("obs://jars-prod/a.jar", resource.get("location").asText());
        assertEquals("obs://etl-prod/lib/b.jar", resource.at("/dependFiles/0").asText());
        assertEquals("x", resource.at("/dependFiles/1").asText());
        assertEquals(
                "obs://etl-prod/c.jar",
                resource.at("/dependPackages/0/location").asText());
    }

    @Test
    void aPropertiesFileSaysTheSame() throws Exception {
        Path file = Files.writeString(
                tmp.resolve("prod.properties"),
                "connections.mrs_hive_retail=mrs_hive_prod\nobsPaths.obs\\://a/=obs\\://b/\nforbid=x, y\n");

        EnvironmentMapping mapping = EnvironmentMapping.read(file);

        assertEquals("mrs_hive_prod", mapping.of(MappedField.CONNECTIONS).get("mrs_hive_retail"));
        assertEquals("obs://b/", mapping.of(MappedField.OBS_PATHS).get("obs://a/"));
    }

    @Test
    void badFilesSayWhatIsWrong() throws Exception {
        InvalidMappingException kind =
                assertThrows(InvalidMappingException.class, () -> json("{\"connection\": {\"a\": \"b\"}}"));
        assertTrue(kind.getMessage().contains("'connection' in ")
                && kind.getMessage().contains("use connections,"));
        InvalidMappingException syntax = assertThrows(InvalidMappingException.class, () -> json("{\"a\": "));
        assertTrue(syntax.getMessage().contains("is not valid JSON (line 1"), syntax.getMessage());
        assertThrows(InvalidMappingException.class, () -> json("{\"connections\": [\"a\"]}"));
        assertThrows(InvalidMappingException.class, () -> json("{\"connections\": {\"a\": null}}"));
        assertThrows(
                InvalidMappingException.class,
                () -> EnvironmentMapping.read(Files.writeString(tmp.resolve("x.properties"), "connections=a\n")));
        assertThrows(
                InvalidMappingException.class,
                () -> EnvironmentMapping.read(Files.writeString(tmp.resolve("prod.yaml"), "a: b\n")));
        assertThrows(InvalidMappingException.class, () -> EnvironmentMapping.read(tmp.resolve("missing.json")));
    }

    @Test
    void anObsPrefixOrTimeZoneThatAPropertiesFileCutAtItsColonIsRefused() throws Exception {
        Path file = Files.writeString(
                tmp.resolve("prod.properties"),
                "obsPaths.obs://retail-etl/=obs://retail-etl-prod/\ntimeZones.GMT+08:00=GMT+01:00\n");

        InvalidMappingException e = assertThrows(InvalidMappingException.class, () -> EnvironmentMapping.read(file));

        assertTrue(e.getMessage().contains("obsPaths 'obs' to '//retail-etl/=obs://retail-etl-prod/'"), e.getMessage());
        assertTrue(e.getMessage().contains("timeZones 'GMT+08' to '00=GMT+01:00': this line was cut"), e.getMessage());
        assertTrue(e.getMessage().contains("write : as \\:"), e.getMessage());
        assertThrows(InvalidMappingException.class, () -> json("{\"obsPaths\": {\"dev/\": \"obs://prod/\"}}"));
        // What a JSON file says is meant as it is: zone names, and a single file for another.
        EnvironmentMapping zones = json("{\"timeZones\": {\"Asia/Shanghai\": \"Europe/Berlin\", \"GMT+8\": \"GMT+1\"},"
                + " \"obsPaths\": {\"obs://dev/jars/udf-dev.jar\": \"obs://prod/jars/udf.jar\"}}");
        assertEquals("Europe/Berlin", zones.of(MappedField.TIME_ZONES).get("Asia/Shanghai"));
        assertEquals("obs://prod/jars/udf.jar", zones.of(MappedField.OBS_PATHS).get("obs://dev/jars/udf-dev.jar"));
        // A number past Jackson's limits has no position to report: still the mapping's own error.
        InvalidMappingException limits =
                assertThrows(InvalidMappingException.class, () -> json("{\"a\": " + "1".repeat(2000) + "}"));
        assertTrue(limits.getMessage().contains("is not valid JSON"), limits.getMessage());
    }
}
