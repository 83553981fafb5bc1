package dev.signdigits.eval;

import dev.signdigits.SignDigitsException;
import dev.signdigits.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The per-epoch training log, {@code metrics.csv}: a header row, then one row per epoch. Every
 * write replaces the whole file atomically, so a run killed mid-write leaves the previous epochs
 * intact and {@code --resume} can read them back.
 */
public final class MetricsCsv {
    public static final String FILE_NAME = "metrics.csv";
    public static final String HEADER = "epoch,train_loss,train_accuracy,val_loss,val_accuracy,learning_rate,seconds";

    private MetricsCsv() {}

    /** Writes {@code epochs} (sorted by epoch) as the whole file. */
    public static void write(Path file, List<EpochMetrics> epochs) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        epochs.stream().sorted(Comparator.comparingInt(EpochMetrics::epoch)).forEach(e -> csv.append(row(e)).append('\n'));
        AtomicFiles.writeString(file, csv.toString());
    }

    /**
     * Adds one epoch to the file (creating it if needed) and returns all epochs. A row for the same
     * epoch number is replaced, so an epoch redone after a resume is not listed twice.
     */
    public static List<EpochMetrics> append(Path file, EpochMetrics epoch) {
        List<EpochMetrics> all = new ArrayList<>(Files.exists(file) ? read(file) : List.of());
        all.removeIf(e -> e.epoch() == epoch.epoch());
        all.add(epoch);
        all.sort(Comparator.comparingInt(EpochMetrics::epoch));
        write(file, all);
        return List.copyOf(all);
    }

    /** Reads all epochs. Values may be {@code NaN} (written as "NaN") where nothing was measured. */
    public static List<EpochMetrics> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SignDigitsException("Training metrics file " + file + " does not exist; "
                    + "point to a run directory that has a " + FILE_NAME + ".", e);
        } catch (IOException e) {
            throw new SignDigitsException("Could not read training metrics file " + file + " (" + e.getMessage()
                    + "); check that it is a readable text file.", e);
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new SignDigitsException("Training metrics file " + file + " does not start with the header \""
                    + HEADER + "\"; it was not written by signdigits, or is damaged: delete it or retrain.");
        }
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                epochs.add(parse(file, i + 1, lines.get(i)));
            }
        }
        return List.copyOf(epochs);
    }

    private static String row(EpochMetrics e) {
        return String.join(",", Integer.toString(e.epoch()), number(e.trainLoss()), number(e.trainAccuracy()),
                number(e.valLoss()), number(e.valAccuracy()), number(e.learningRate()), number(e.seconds()));
    }

    private static String number(double value) {
        // Double.toString round-trips exactly, writes NaN as "NaN" and never uses a locale's decimal comma
        return Double.toString(value);
    }

    private static EpochMetrics parse(Path file, int lineNumber, String line) {
        String[] cells = line.strip().split(",", -1);
        try {
            if (cells.length != 7) {
                throw new NumberFormatException("expected 7 values, found " + cells.length);
            }
            return new EpochMetrics(Integer.parseInt(cells[0]), Double.parseDouble(cells[1]),
                    Double.parseDouble(cells[2]), Double.parseDouble(cells[3]), Double.parseDouble(cells[4]),
                    Double.parseDouble(cells[5]), Double.parseDouble(cells[6]));
        } catch (NumberFormatException e) {
            throw new SignDigitsException("Line " + lineNumber + " of training metrics file " + file + " is not valid ("
                    + e.getMessage() + "): \"" + line + "\"; fix or delete that line.", e);
        }
    }
}
