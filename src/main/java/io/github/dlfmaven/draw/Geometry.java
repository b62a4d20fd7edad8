package io.github.dlfmaven.draw;

/** Where a line between two boxes leaves one and meets the other: on their borders, toward each other's centre. */
final class Geometry {

    private Geometry() {}

    /** {@code x1, y1, x2, y2}: from the border of {@code from} to the border of {@code to}. */
    static double[] connect(GraphLayout.Box from, GraphLayout.Box to) {
        double[] start = border(from, to.centerX(), to.centerY());
        double[] end = border(to, from.centerX(), from.centerY());
        return new double[] {start[0], start[1], end[0], end[1]};
    }

    /** The point of {@code box}'s border on the way from its centre to {@code (x, y)}. */
    static double[] border(GraphLayout.Box box, double x, double y) {
        double dx = x - box.centerX();
        double dy = y - box.centerY();
        if (dx == 0 && dy == 0) {
            return new double[] {box.centerX(), box.y()};
        }
        double scale = Math.min(
                dx == 0 ? Double.POSITIVE_INFINITY : (box.width() / 2) / Math.abs(dx),
                dy == 0 ? Double.POSITIVE_INFINITY : (box.height() / 2) / Math.abs(dy));
        return new double[] {box.centerX() + dx * scale, box.centerY() + dy * scale};
    }
}
