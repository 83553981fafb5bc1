package dev.signdigits.hand;

import dev.signdigits.data.split.Split;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes the stand-in sets built from the grouped test split as folder-per-digit PNGs, so that any
 * model can be scored on them with {@code signdigits evaluate --data DIR}: {@code phone-like/}
 * (seed 42), {@code grayscale/} (each test photo in luma), {@code background-replaced/} (each test
 * photo's hand over a new background, seed 42; photos without a found hand left out) and
 * {@code background-replaced-tight/} (the same with a mask that hugs the fingers, widening 0.6, so the
 * new background reaches them) and {@code no-hand/} (frames only). Also writes target/background-replaced-sheet.png (original | mask |
 * result for the first 40) for checking the masks by eye. Not a test: run it by hand for the ablations in docs/performance.md.
 *
 * <pre>
 * mvn -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) dev.signdigits.hand.StandInSetWriter OUT_DIR
 * </pre>
 */
public final class StandInSetWriter {
    private StandInSetWriter() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/stand-ins");
        List<HandTestData.LabeledPhoto> test = HandTestData.split(Split.TEST);
        for (StandIns.Frame frame : StandIns.phoneLike(test, HandTestData.imagenetSamples(), 42)) {
            write(frame.image(), out.resolve("phone-like").resolve(frame.label()).resolve(safe(frame.name()) + ".png"));
        }
        for (HandTestData.LabeledPhoto photo : test) {
            BufferedImage grey = luma(HandTestData.read(photo.file()));
            write(grey, out.resolve("grayscale").resolve(photo.label()).resolve(photo.file().getFileName() + ".png"));
        }
        BackgroundReplaced.Result replaced = BackgroundReplaced.backgroundReplaced(test, HandTestData.imagenetSamples(), 42);
        for (BackgroundReplaced.Item item : replaced.items()) {
            write(item.image(), out.resolve("background-replaced").resolve(item.photo().label())
                    .resolve(item.photo().file().getFileName() + ".png"));
        }
        // the same, the mask hugging the fingers: clutter right against them, as around a real hand
        BackgroundReplaced.Result tight = BackgroundReplaced.backgroundReplaced(test, HandTestData.imagenetSamples(), 42, 0.6);
        for (BackgroundReplaced.Item item : tight.items()) {
            write(item.image(), out.resolve("background-replaced-tight").resolve(item.photo().label())
                    .resolve(item.photo().file().getFileName() + ".png"));
        }
        BackgroundReplaced.sheet(tight.items(), 40, 120, Path.of("target", "background-replaced-tight-sheet.png"));
        Path sheet = BackgroundReplaced.sheet(replaced.items(), 40, 120, Path.of("target", "background-replaced-sheet.png"));
        System.out.println("background-replaced: " + replaced.items().size() + " of " + test.size()
                + " test photos (no hand found in " + replaced.noHand() + "); sheet " + sheet.toAbsolutePath());
        for (StandIns.Frame frame : StandIns.noHand(HandTestData.imagenetSamples(), test, 42)) {
            write(frame.image(), out.resolve("no-hand").resolve(safe(frame.name()) + ".png"));
        }
        System.out.println("Wrote " + out.toAbsolutePath());
    }

    /** ITU-R BT.601 luma in all three channels: what a grayscale camera or filter gives the model. */
    static BufferedImage luma(BufferedImage rgb) {
        BufferedImage out = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int p = rgb.getRGB(x, y);
                int l = (int) Math.round(0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff));
                out.setRGB(x, y, l << 16 | l << 8 | l);
            }
        }
        return out;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }
}
