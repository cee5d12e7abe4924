package dev.sparring.loadtest.report;

import java.util.List;
import java.util.Locale;

/**
 * Draws a line chart as a standalone SVG element (valid XML, no scripts, no external resources):
 * axes with round tick values, one polyline with point markers per series, and a legend.
 * Stateless and thread-safe.
 */
public final class SvgChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 320;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 36;
    private static final int BOTTOM = 48;
    private static final int TICKS = 5;

    /** A point in data units. */
    public record Point(double x, double y) {}

    /** A named line in a colour (any CSS colour). */
    public record Series(String name, String color, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    private SvgChart() {
    }

    /**
     * @param id the element id (also names the chart for tests and links)
     * @param title the chart title
     * @param xLabel the x-axis label
     * @param yLabel the y-axis label
     * @param series the lines; empty series are drawn as "no data"
     * @return the {@code <svg>} element
     */
    public static String line(String id, String title, String xLabel, String yLabel, List<Series> series) {
        double maxX = 0;
        double maxY = 0;
        double minX = Double.MAX_VALUE;
        boolean any = false;
        for (Series s : series) {
            for (Point p : s.points()) {
                maxX = Math.max(maxX, p.x());
                minX = Math.min(minX, p.x());
                maxY = Math.max(maxY, p.y());
                any = true;
            }
        }
        minX = any ? Math.min(0, minX) : 0;
        double xTop = niceCeiling(maxX);
        double yTop = niceCeiling(maxY);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"11\" role=\"img\">%n",
                escape(id), WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<title>%s</title>%n", escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                LEFT, escape(title)));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" stroke=\"#999\"/>%n",
                LEFT, TOP, plotW, plotH));
        for (int i = 0; i <= TICKS; i++) {
            double yValue = yTop * i / TICKS;
            double y = TOP + plotH - plotH * (double) i / TICKS;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>%n",
                    LEFT, y, LEFT + plotW, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y + 4, label(yValue)));
            double xValue = minX + (xTop - minX) * i / TICKS;
            double x = LEFT + plotW * (double) i / TICKS;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, TOP + plotH + 16, label(xValue)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotW / 2, HEIGHT - 8, escape(xLabel)));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>%n",
                TOP + plotH / 2, TOP + plotH / 2, escape(yLabel)));
        if (!any) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#888\">no data</text>%n",
                    LEFT + plotW / 2, TOP + plotH / 2));
        }
        int legendX = LEFT + plotW;
        for (int s = series.size() - 1; s >= 0; s--) {
            Series line = series.get(s);
            legendX -= 12 + 7 * line.name().length() + 18;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"22\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"31\">%s</text>%n", legendX, escape(line.color()), legendX + 14, escape(line.name())));
            if (line.points().isEmpty()) {
                continue;
            }
            StringBuilder points = new StringBuilder();
            for (Point p : line.points()) {
                double x = LEFT + plotW * (xTop == minX ? 0 : (p.x() - minX) / (xTop - minX));
                double y = TOP + plotH - plotH * (yTop == 0 ? 0 : p.y() / yTop);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append(String.format(Locale.ROOT,
                    "<polyline class=\"series\" data-name=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    escape(line.name()), escape(line.color()), points.toString().strip()));
        }
        return svg.append("</svg>\n").toString();
    }

    /** @return the smallest 1, 2 or 5 times a power of ten at or above {@code value} (1 for zero) */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String label(double value) {
        if (value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
    }

    /** Escapes text for XML content and attribute values. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
