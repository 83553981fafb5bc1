package dev.signdigits.hand;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The "background-replaced" stand-in: each photo's hand (its {@link HandMask} from the lite
 * locator's landmarks) over a new background of the photo's size, one of the kinds
 * {@link StandIns#background} makes, picked with a random seeded per photo. A model that reads the
 * hand and not the wall scores about as well on it as on the photos. Build it from the grouped test
 * split only when reporting. Photos in which no hand is found are left out and counted.
 */
final class BackgroundReplaced {
    private BackgroundReplaced() {}

    /** One photo of the set: the original, the mask and the composite. */
    record Item(HandTestData.LabeledPhoto photo, BufferedImage original, HandMask mask, BufferedImage image) {}

    /** The set, and how many photos were left out because the locator found no hand in them. */
    record Result(List<Item> items, int noHand) {}

    static Result backgroundReplaced(List<HandTestData.LabeledPhoto> photos, List<Path> sceneries, long seed) {
        return backgroundReplaced(photos, sceneries, seed, HandMask.FINGER_WIDENING);
    }

    /** With the mask's finger widening given: a smaller one leaves less of the wall around the fingers. */
    static Result backgroundReplaced(List<HandTestData.LabeledPhoto> photos, List<Path> sceneries, long seed,
                                     double widening) {
        List<BufferedImage> scenes = sceneries.stream().map(HandTestData::read).toList();
        List<Item> items = new ArrayList<>();
        int noHand = 0;
        try (HandLocator locator = HandLocator.open(HandTestData.models(HandModels.Variant.LITE), HandLocator.Settings.DEFAULT)) {
            for (int i = 0; i < photos.size(); i++) {
                HandTestData.LabeledPhoto photo = photos.get(i);
                BufferedImage original = HandTestData.read(photo.file());
                if (!(locator.locate(original) instanceof HandResult.Found hand)) {
                    noHand++;
                    continue;
                }
                Random random = new Random(seed * 1_000_003L + i);
                BufferedImage other = HandTestData.read(photos.get((i + 1 + random.nextInt(Math.max(1, photos.size() - 1))) % photos.size()).file());
                BufferedImage background = fit(StandIns.background(random, random.nextInt(4), scenes, other), original.getWidth(), original.getHeight());
                HandMask mask = HandMask.of(hand.landmarks(), original.getWidth(), original.getHeight(), widening);
                items.add(new Item(photo, original, mask, mask.over(original, background)));
            }
        }
        return new Result(items, noHand);
    }

    /** The background's largest centred crop of the photo's shape, scaled to it (no stretching of sample crops). */
    static BufferedImage fit(BufferedImage background, int width, int height) {
        double scale = Math.min((double) background.getWidth() / width, (double) background.getHeight() / height);
        int w = (int) Math.round(width * scale);
        int h = (int) Math.round(height * scale);
        return StandIns.scaled(background.getSubimage((background.getWidth() - w) / 2, (background.getHeight() - h) / 2, w, h), width, height);
    }

    /** The first {@code count} items as original | mask | composite triples, four to a row, each picture scaled to {@code size}. */
    static Path sheet(List<Item> items, int count, int size, Path file) {
        List<BufferedImage> tiles = new ArrayList<>();
        for (Item item : items.subList(0, Math.min(count, items.size()))) {
            BufferedImage tile = new BufferedImage(3 * size + 4, size, BufferedImage.TYPE_INT_RGB);
            var g = tile.createGraphics();
            try {
                g.drawImage(StandIns.scaled(item.original(), size, size), 0, 0, null);
                g.drawImage(StandIns.scaled(item.mask().picture(), size, size), size + 2, 0, null);
                g.drawImage(StandIns.scaled(item.image(), size, size), 2 * size + 4, 0, null);
            } finally {
                g.dispose();
            }
            tiles.add(tile);
        }
        return HandSheets.write(tiles, 4, file);
    }
}
