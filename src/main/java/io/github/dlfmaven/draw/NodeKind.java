package io.github.dlfmaven.draw;

import java.util.Locale;
import java.util.Set;

/** How a node is drawn, by its type: the colour and corner of its box, and the legend's word for it. */
public enum NodeKind {
    SQL("SQL script", "#dbeafe", "#2563eb", 10, Set.of("hivesql", "sparksql", "dwssql", "dlisql", "rdssql")),
    SHELL("Shell or Python", "#fef3c7", "#b45309", 0, Set.of("shell", "python")),
    COMPUTE(
            "Spark, MapReduce or Flink",
            "#dcfce7",
            "#15803d",
            22,
            Set.of("mrsspark", "mapreduce", "dlispark", "mrsflink", "mrsflinkjob", "mrshetuengine", "machinelearning")),
    MOVEMENT(
            "Data movement",
            "#fce7f3",
            "#be185d",
            4,
            Set.of(
                    "cdmjob",
                    "datamigration",
                    "distransfertask",
                    "oneclickcdc",
                    "obsmanager",
                    "cloudtablemanage",
                    "csjob")),
    /** A job run from another ({@code SubJob}), and a job in the report's drawing of the dependencies between jobs. */
    JOB("Job", "#ede9fe", "#6d28d9", 4, Set.of("job", "subjob")),
    FOREIGN_JOB("Job of another workspace", "#ffffff", "#6d28d9", 4, Set.of("otherworkspace")),
    OTHER("Other", "#f3f4f6", "#4b5563", 4, Set.of());

    private final String label;
    private final String fill;
    private final String stroke;
    private final int corner;
    private final Set<String> types;

    NodeKind(String label, String fill, String stroke, int corner, Set<String> types) {
        this.label = label;
        this.fill = fill;
        this.stroke = stroke;
        this.corner = corner;
        this.types = types;
    }

    /** The kind of a node type as DLF spells it, in any case and with or without spaces ({@code RDS SQL}). */
    public static NodeKind of(String type) {
        String key = type.toLowerCase(Locale.ROOT).replace(" ", "");
        for (NodeKind kind : values()) {
            if (kind.types.contains(key)) {
                return kind;
            }
        }
        return OTHER;
    }

    public String label() {
        return label;
    }

    String fill() {
        return fill;
    }

    String stroke() {
        return stroke;
    }

    int corner() {
        return corner;
    }
}
