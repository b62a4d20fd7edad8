package io.github.dlfmaven.draw;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A job's node graph as a standalone SVG: one box per node (its kind by colour and corners, explained in a legend),
 * its name and type as text, and one arrow per edge from border to border, dashed where the edge is a condition.
 * Needs no script and no font of its own; names in any script render with the viewer's fonts.
 */
public final class SvgDrawing {

    private static final int LEGEND_HEIGHT = 28;
    private static final int MAX_NAME_CHARS = 22;

    private SvgDrawing() {}

    public static String of(JobGraph graph) {
        return of(graph, name -> null);
    }

    /** @param links the page a node's box links to, by node name, or null for none */
    public static String of(JobGraph graph, Function<String, String> links) {
        Map<String, GraphLayout.Box> boxes = GraphLayout.of(graph);
        double width = Math.max(
                360,
                boxes.values().stream()
                                .mapToDouble(b -> b.x() + b.width())
                                .max()
                                .orElse(0)
                        + GraphLayout.MARGIN);
        double height = boxes.values().stream()
                        .mapToDouble(b -> b.y() + b.height())
                        .max()
                        .orElse(0)
                + GraphLayout.MARGIN
                + LEGEND_HEIGHT;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dlf-job\" width=\"%.0f\" height=\"%.0f\""
                        + " viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"12\">\n",
                width,
                height,
                width,
                height));
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\""
                + " markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\""
                + " fill=\"#374151\"/></marker></defs>\n");
        for (JobGraph.Edge edge : graph.edges()) {
            double[] line = Geometry.connect(boxes.get(edge.from()), boxes.get(edge.to()));
            svg.append(String.format(
                    Locale.ROOT,
                    "<line class=\"edge\" data-from=\"%s\" data-to=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\""
                            + " y2=\"%.1f\" stroke=\"#374151\" stroke-width=\"1.5\"%s marker-end=\"url(#arrow)\"/>\n",
                    xml(edge.from()),
                    xml(edge.to()),
                    line[0],
                    line[1],
                    line[2],
                    line[3],
                    edge.conditional() ? " stroke-dasharray=\"5 3\"" : ""));
        }
        Set<NodeKind> used = EnumSet.noneOf(NodeKind.class);
        for (JobGraph.Node node : graph.nodes().values()) {
            GraphLayout.Box box = boxes.get(node.name());
            NodeKind kind = NodeKind.of(node.type());
            used.add(kind);
            String link = links.apply(node.name());
            if (link != null) {
                svg.append("<a href=\"").append(xml(link)).append("\">");
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "<g class=\"node\" data-name=\"%s\"><title>%s (%s)</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\""
                            + " height=\"%.0f\" rx=\"%d\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\" fill=\"#4b5563\">%s"
                            + "</text></g>",
                    xml(node.name()),
                    xml(node.name()),
                    xml(node.type()),
                    box.x(),
                    box.y(),
                    box.width(),
                    box.height(),
                    kind.corner(),
                    kind.fill(),
                    kind.stroke(),
                    box.centerX(),
                    box.y() + 18,
                    xml(shortened(node.name())),
                    box.centerX(),
                    box.y() + 34,
                    xml(shortened(node.type()))));
            svg.append(link != null ? "</a>\n" : "\n");
        }
        double x = GraphLayout.MARGIN;
        double y = height - LEGEND_HEIGHT + 6;
        svg.append("<g class=\"legend\">");
        for (NodeKind kind : used) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.0f\" y=\"%.0f\" width=\"14\" height=\"14\" rx=\"%d\" fill=\"%s\" stroke=\"%s\"/>"
                            + "<text x=\"%.0f\" y=\"%.0f\">%s</text>",
                    x,
                    y,
                    Math.min(kind.corner(), 7),
                    kind.fill(),
                    kind.stroke(),
                    x + 20,
                    y + 11,
                    xml(kind.label())));
            x += 40 + kind.label().length() * 6.5;
        }
        svg.append("</g>\n</svg>\n");
        return svg.toString();
    }

    private static String shortened(String text) {
        return text.codePointCount(0, text.length()) <= MAX_NAME_CHARS
                ? text
                : text.substring(0, text.offsetByCodePoints(0, MAX_NAME_CHARS - 1)) + "…";
    }

    /** Text for XML content and attributes; characters XML cannot hold at all become U+FFFD. */
    public static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    boolean allowed = c == 0x9
                            || c == 0xA
                            || c == 0xD
                            || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000;
                    out.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        });
        return out.toString();
    }
}
