package dev.sparring.loadtest.run;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of one measurement, in milliseconds (HdrHistogram, 3 significant digits: a value is
 * within 0.1 % of what was recorded). All zero when nothing was recorded.
 */
public record Distribution(long count, double mean, double p50, double p90, double p95, double p99, double max) {

    /** Nothing recorded. */
    public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0, 0, 0);

    /** Percentiles at which the CDF chart is drawn. */
    private static final double[] CDF_PERCENTILES = cdfPercentiles();

    /** @param micros a histogram of microseconds */
    public static Distribution of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new Distribution(micros.getTotalCount(), round(micros.getMean() / 1_000),
                ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(95)), ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()));
    }

    /** One point of a cumulative distribution: {@code percentile} % of values are at most {@code millis}. */
    public record CdfPoint(double percentile, double millis) {}

    /** @return the cumulative distribution of a histogram of microseconds, empty when nothing was recorded */
    public static List<CdfPoint> cdf(Histogram micros) {
        List<CdfPoint> points = new ArrayList<>();
        if (micros.getTotalCount() == 0) {
            return points;
        }
        for (double p : CDF_PERCENTILES) {
            points.add(new CdfPoint(p, ms(micros.getValueAtPercentile(p))));
        }
        return List.copyOf(points);
    }

    private static double[] cdfPercentiles() {
        List<Double> ps = new ArrayList<>();
        for (int p = 0; p <= 95; p += 5) {
            ps.add((double) p);
        }
        ps.addAll(List.of(97.0, 98.0, 99.0, 99.5, 99.9, 100.0));
        return ps.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double ms(long micros) {
        return round(micros / 1_000.0);
    }

    /** Rounds to microseconds expressed in milliseconds (3 decimals). */
    private static double round(double millis) {
        return Math.round(millis * 1_000) / 1_000.0;
    }
}
