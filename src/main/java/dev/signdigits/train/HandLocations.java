package dev.signdigits.train;

import dev.signdigits.hand.HandResult;
import dev.signdigits.hand.Landmark;
import dev.signdigits.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the hand locator said about every photo of a run, located once when the photos are loaded
 * (or taken from the dataset's hand location cache, see {@link dev.signdigits.data.hands.DatasetHands}):
 * written as {@code hands.csv} with the run, counted in provenance. Photos without a hand are not
 * trained, validated or tested on (serving answers "no hand" for them); they are listed here.
 *
 * @param rows      every located photo's answer
 * @param fromCache how many of the answers came from the cache rather than the locator
 */
record HandLocations(List<Row> rows, int fromCache) {
    static final String FILE = "hands.csv";
    static final HandLocations NONE = new HandLocations(List.of(), 0);

    /** One photo: its split ("train", "val", "test"), path relative to the data dir, and the answer. */
    record Row(String split, String file, HandResult result) {}

    HandLocations {
        rows = List.copyOf(rows);
    }

    List<Row> missing(String split) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (!r.result().found() && (split == null || r.split().equals(split))) {
                out.add(r);
            }
        }
        return out;
    }

    void write(Path file) {
        StringBuilder csv = new StringBuilder("split,file,found,path,detector_score,presence,box_x,box_y,box_w,box_h,"
                + "handedness,landmarks_xy,reason\n");
        for (Row r : rows) {
            csv.append(r.split()).append(',').append(quote(r.file())).append(',');
            if (r.result() instanceof HandResult.Found h) {
                StringBuilder xy = new StringBuilder();
                for (Landmark l : h.landmarks()) {
                    xy.append(xy.length() == 0 ? "" : " ").append(f(l.x())).append(' ').append(f(l.y()));
                }
                csv.append(String.join(",", "true", h.path().toString().toLowerCase(Locale.ROOT), f(h.detectorScore()),
                        f(h.presence()), f(h.box().x()), f(h.box().y()), f(h.box().w()), f(h.box().h()),
                        h.handedness().toString().toLowerCase(Locale.ROOT), xy.toString(), ""));
            } else if (r.result() instanceof HandResult.NoHand n) {
                csv.append(String.join(",", "false", "", f(n.bestDetectorScore()), f(n.bestPresence()), "", "", "", "",
                        "", "", quote(n.reason())));
            }
            csv.append('\n');
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String quote(String s) {
        return s.indexOf(',') < 0 && s.indexOf('"') < 0 ? s : '"' + s.replace("\"", "\"\"") + '"';
    }
}
