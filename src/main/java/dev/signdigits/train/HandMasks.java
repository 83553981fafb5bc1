package dev.signdigits.train;

import dev.signdigits.hand.HandCrop;
import dev.signdigits.hand.HandMask;
import dev.signdigits.hand.HandResult;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Where the hand is in each training crop, for background replacement: the landmarks the locator
 * found in the photo, carried into the crop by the run's crop policy, drawn as a {@link HandMask}
 * of the crop's size. Computed once per photo (about 5 ms each, on all cores), shared by its variants.
 */
final class HandMasks {
    private HandMasks() {}

    /** One mask per training image, in order; a photo with no located hand (none are trained on) would be null. */
    static List<HandMask> of(TrainingData data, TrainingConfig config) {
        HandCrop crop = config.handFraming().crop();
        Map<String, HandResult.Found> hands = new HashMap<>();
        for (HandLocations.Row row : data.hands().rows()) {
            if (row.split().equals("train") && row.result() instanceof HandResult.Found found) {
                hands.put(row.file(), found);
            }
        }
        SplitImages train = data.train();
        HandMask[] masks = new HandMask[train.size()];
        IntStream.range(0, train.size()).parallel().forEach(i -> {
            HandResult.Found hand = hands.get(train.files().get(i));
            BufferedImage image = train.images().get(i);
            masks[i] = hand == null ? null : crop.mask(hand.landmarks(), image.getWidth());
        });
        return java.util.Arrays.asList(masks);
    }
}
