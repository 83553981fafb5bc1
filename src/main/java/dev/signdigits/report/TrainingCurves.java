package dev.signdigits.report;

import dev.signdigits.eval.EpochMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Loss and accuracy per epoch, training against validation, as two XChart line charts
 * ({@code loss.png}, {@code accuracy.png}). Epochs without validation numbers (NaN) are left out of
 * the validation line rather than drawn as zero.
 */
public final class TrainingCurves {
    public static final String LOSS_FILE = "loss.png";
    public static final String ACCURACY_FILE = "accuracy.png";
    public static final int WIDTH = 800;
    public static final int HEIGHT = 450;
    private static final Color TRAIN = new Color(0x1f, 0x5f, 0xb4);
    private static final Color VALIDATION = new Color(0xe0, 0x7b, 0x13);

    private TrainingCurves() {}

    /** Writes {@code loss.png} and {@code accuracy.png} into {@code dir}. */
    public static void write(List<EpochMetrics> epochs, Path dir) {
        ImageEncoding.writePng(loss(epochs), dir.resolve(LOSS_FILE));
        ImageEncoding.writePng(accuracy(epochs), dir.resolve(ACCURACY_FILE));
    }

    public static BufferedImage loss(List<EpochMetrics> epochs) {
        XYChart chart = chart("Loss per epoch", "loss", epochs);
        addSeries(chart, "train", epochs, EpochMetrics::trainLoss, TRAIN);
        addSeries(chart, "validation", epochs, EpochMetrics::valLoss, VALIDATION);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.0#");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        return BitmapEncoder.getBufferedImage(chart);
    }

    public static BufferedImage accuracy(List<EpochMetrics> epochs) {
        XYChart chart = chart("Accuracy per epoch", "accuracy", epochs);
        addSeries(chart, "train", epochs, EpochMetrics::trainAccuracy, TRAIN);
        addSeries(chart, "validation", epochs, EpochMetrics::valAccuracy, VALIDATION);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(v -> String.format(Locale.ROOT, "%.0f%%", 100 * v));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static XYChart chart(String title, String yTitle, List<EpochMetrics> epochs) {
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("no epochs to plot");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(new Color(0xe6, 0xe6, 0xe6));
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setChartTitleFont(Canvas.font(18f, true));
        styler.setAxisTitleFont(Canvas.font(14f, false));
        styler.setAxisTickLabelsFont(Canvas.font(12f, false));
        styler.setLegendFont(Canvas.font(13f, false));
        styler.setLegendBorderColor(new Color(0xcc, 0xcc, 0xcc));
        styler.setChartPadding(14);
        styler.setMarkerSize(7);
        styler.setAntiAlias(true);
        // whole epochs only; a single epoch gets some room on both sides
        int first = epochs.stream().mapToInt(EpochMetrics::epoch).min().orElseThrow();
        int last = epochs.stream().mapToInt(EpochMetrics::epoch).max().orElseThrow();
        styler.setXAxisMin(first == last ? first - 1.0 : first);
        styler.setXAxisMax(first == last ? last + 1.0 : last);
        styler.setxAxisTickLabelsFormattingFunction(v -> v == Math.rint(v) ? Long.toString(Math.round(v)) : "");
        return chart;
    }

    private static void addSeries(XYChart chart, String name, List<EpochMetrics> epochs,
                                  ToDoubleFunction<EpochMetrics> value, Color color) {
        List<EpochMetrics> measured = epochs.stream().filter(e -> Double.isFinite(value.applyAsDouble(e))).toList();
        if (measured.isEmpty()) {
            return; // e.g. no validation set: no line and no legend entry
        }
        double[] x = measured.stream().mapToDouble(EpochMetrics::epoch).toArray();
        double[] y = measured.stream().mapToDouble(value).toArray();
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(color);
        series.setMarkerColor(color);
        // markers help read a few epochs and clutter many
        series.setMarker(measured.size() <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        series.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }
}
