package io.github.dlfmaven.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The geometry of drawn jobs: no two boxes overlap, every edge runs from its node's border to the other's. */
class SvgDrawingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode job(String nodes) throws Exception {
        return JSON.readTree("{\"name\":\"j\",\"nodes\":[" + nodes + "]}");
    }

    private static String node(String name, String type, String pre, String location) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"preNodeName\":[" + pre + "]"
                + (location == null ? "" : ",\"location\":" + location) + "}";
    }

    private static void assertSound(JobGraph graph) {
        Map<String, GraphLayout.Box> boxes = GraphLayout.of(graph);
        assertEquals(graph.nodes().keySet(), boxes.keySet());
        List<GraphLayout.Box> all = new ArrayList<>(boxes.values());
        for (int i = 0; i < all.size(); i++) {
            assertTrue(all.get(i).x() >= GraphLayout.MARGIN && all.get(i).y() >= GraphLayout.MARGIN);
            for (int j = i + 1; j < all.size(); j++) {
                assertFalse(all.get(i).overlaps(all.get(j)), all.get(i) + " overlaps " + all.get(j));
            }
        }
        for (JobGraph.Edge edge : graph.edges()) {
            double[] line = Geometry.connect(boxes.get(edge.from()), boxes.get(edge.to()));
            assertOnBorder(boxes.get(edge.from()), line[0], line[1]);
            assertOnBorder(boxes.get(edge.to()), line[2], line[3]);
        }
    }

    private static void assertOnBorder(GraphLayout.Box box, double x, double y) {
        boolean onVertical = (near(x, box.x()) || near(x, box.x() + box.width()))
                && y >= box.y() - 1e-6
                && y <= box.y() + box.height() + 1e-6;
        boolean onHorizontal = (near(y, box.y()) || near(y, box.y() + box.height()))
                && x >= box.x() - 1e-6
                && x <= box.x() + box.width() + 1e-6;
        assertTrue(onVertical || onHorizontal, "(" + x + ", " + y + ") is not on the border of " + box);
    }

    private static boolean near(double a, double b) {
        return Math.abs(a - b) < 1e-6;
    }

    @Test
    void aDiamondIsLaidOutInLayersWithoutOverlap() throws Exception {
        JobGraph graph = JobGraph.of(job(node("a", "HiveSQL", "", null) + "," + node("b", "Shell", "\"a\"", null) + ","
                + node("c", "MRSSpark", "\"a\"", null) + "," + node("d", "Dummy", "\"b\",\"c\"", null)));

        Map<String, GraphLayout.Box> boxes = GraphLayout.of(graph);

        assertTrue(boxes.get("a").x() < boxes.get("b").x());
        assertEquals(boxes.get("b").x(), boxes.get("c").x());
        assertTrue(boxes.get("c").x() < boxes.get("d").x());
        assertSound(graph);
    }

    @Test
    void theEditorsPlacesAreKeptWhenTheyLeaveRoomAndDroppedWhenNot() throws Exception {
        JobGraph placed = JobGraph.of(job(node("a", "HiveSQL", "", "{\"x\":\"-45.5\",\"y\":\"-134.5\"}") + ","
                + node("b", "MRSSpark", "\"a\"", "{\"x\":300,\"y\":-134.5}")));
        Map<String, GraphLayout.Box> boxes = GraphLayout.of(placed);
        assertEquals(GraphLayout.MARGIN, boxes.get("a").x());
        assertEquals(
                GraphLayout.MARGIN + 345.5, boxes.get("b").x(), "far enough apart: the editor's places as they are");
        assertSound(placed);

        JobGraph close = JobGraph.of(job(node("a", "HiveSQL", "", "{\"x\":0,\"y\":0}") + ","
                + node("b", "Shell", "\"a\"", "{\"x\":165,\"y\":0}")));
        assertEquals(
                GraphLayout.MARGIN + 165 * 1.5, GraphLayout.of(close).get("b").x(), "spread to leave room");
        assertSound(close);

        JobGraph cramped = JobGraph.of(job(node("a", "HiveSQL", "", "{\"x\":0,\"y\":0}") + ","
                + node("b", "Shell", "\"a\"", "{\"x\":10,\"y\":5}")));
        assertSound(cramped);
    }

    @Test
    void aCycleAndAWideJobAreStillDrawnSoundly() throws Exception {
        StringBuilder nodes = new StringBuilder(node("start", "Dummy", "\"end\"", null));
        for (int i = 0; i < 30; i++) {
            nodes.append(",").append(node("n" + i, i % 2 == 0 ? "DLISQL" : "CDMJob", "\"start\"", null));
        }
        nodes.append(",").append(node("end", "Dummy", "\"n3\",\"n7\"", null));
        JobGraph graph = JobGraph.of(job(nodes.toString()));

        assertEquals(32, GraphLayout.of(graph).size());
        assertSound(graph);
    }

    @Test
    void theSvgHasAShapePerNodeAnArrowPerEdgeAndTheNamesAsText() throws Exception {
        JobGraph graph = JobGraph.of(
                JSON.readTree(Files.readString(Path.of("src/it/quickstart/src/test/dlf/jobs/dws_sales_daily.job"))));

        String svg = SvgDrawing.of(graph);

        assertEquals(graph.nodes().size(), count(svg, "<g class=\"node\""));
        assertEquals(graph.edges().size(), count(svg, "<line class=\"edge\""));
        for (String name : graph.nodes().keySet()) {
            assertTrue(svg.contains(">" + name + "</text>"), name);
        }
        assertTrue(svg.contains("class=\"legend\""));
    }

    @Test
    void namesAreEscapedAndNonAsciiKept() throws Exception {
        JobGraph graph = JobGraph.of(job(node("销售<日报>&\\\"x", "HiveSQL", "", null)));

        String svg = SvgDrawing.of(graph);

        assertTrue(svg.contains("销售&lt;日报&gt;&amp;&quot;x"), svg);
        assertFalse(svg.contains("<日报>"));
    }

    @Test
    void edgesFromConditionsAreDashedAndUnknownPredecessorsLeftOut() throws Exception {
        JobGraph graph =
                JobGraph.of(JSON.readTree("{\"nodes\":[{\"name\":\"a\"},{\"name\":\"b\",\"preNodeName\":[\"ghost\"],"
                        + "\"conditions\":[{\"preNodeName\":\"a\",\"expression\":\"#{true}\"}]}]}"));

        assertEquals(List.of(new JobGraph.Edge("a", "b", true)), graph.edges());
        assertTrue(SvgDrawing.of(graph).contains("stroke-dasharray"));
    }

    @Test
    void aJobWhoseEveryNodeWaitsForAllBeforeItIsDrawnWithEachArrowOnce() throws Exception {
        // 600 nodes, 179,700 edges: each edge is added and laid out once (this took minutes when every new edge was
        // checked against all the others).
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            StringBuilder pre = new StringBuilder();
            for (int j = 0; j < i; j++) {
                pre.append(j == 0 ? "" : ",").append("\"n").append(j).append('"');
            }
            nodes.append(i == 0 ? "" : ",").append(node("n" + i, "HiveSQL", pre + (i > 0 ? ",\"n0\"" : ""), null));
        }

        JobGraph graph = JobGraph.of(job(nodes.toString()));
        Map<String, GraphLayout.Box> boxes = GraphLayout.of(graph);

        assertEquals(600 * 599 / 2, graph.edges().size());
        for (int i = 0; i < 600; i++) {
            assertEquals(
                    GraphLayout.MARGIN + i * (GraphLayout.WIDTH + GraphLayout.GAP_X),
                    boxes.get("n" + i).x());
        }
    }

    @Test
    void placesBeyondAnyNumberAreLaidOutInstead() throws Exception {
        JobGraph graph = JobGraph.of(job(node("a", "HiveSQL", "", "{\"x\": 1e400, \"y\": 0}") + ","
                + node("b", "HiveSQL", "\"a\"", "{\"x\": -1e400, \"y\": \"-Infinity\"}")));

        String svg = SvgDrawing.of(graph);

        assertFalse(svg.contains("NaN") || svg.contains("Infinity"), svg);
        assertSound(graph);
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
