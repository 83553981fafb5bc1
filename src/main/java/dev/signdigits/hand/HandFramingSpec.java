package dev.signdigits.hand;

import dev.signdigits.SignDigitsException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a model reads hand crops, and exactly which: the locator variant, its thresholds and the
 * crop policy. Training records {@link #toProperties()} in the model's config, provenance and
 * exports; every loader rebuilds the spec with {@link #fromProperties} so a model trained on hand
 * crops is always run on hand crops. A model without the keys (older models) reads whole photos.
 *
 * @param variant  the MediaPipe models, or null when the locator is off
 * @param settings the locator's thresholds (ignored when off)
 * @param crop     the crop policy (ignored when off)
 */
public record HandFramingSpec(HandModels.Variant variant, HandLocator.Settings settings, HandCrop crop) {
    public static final String KEY = "hand_locator";
    public static final String DETECTOR_SCORE = "hand_min_detector_score";
    public static final String PRESENCE = "hand_min_presence";
    public static final String CANDIDATES = "hand_max_candidates";
    public static final String TILES = "hand_tiles";
    public static final String TILE_PRESENCE = "hand_min_tile_presence";
    public static final String SECOND_PRESENCE = "hand_min_second_presence";
    public static final String DIRECT_PRESENCE = "hand_direct_presence";
    public static final String SURE_DETECTOR = "hand_sure_detector_score";
    public static final String FINE_TILES = "hand_fine_tiles";
    public static final String MIN_HAND_PIXELS = "hand_min_hand_pixels";
    public static final String HOT_TILES_FIRST = "hand_hot_tiles_first";
    public static final String MARGIN = "hand_crop_margin";
    public static final String UPRIGHT = "hand_crop_upright";
    public static final String CROP_EDGE = "hand_crop_edge";
    /** Written only for a masked crop: models without it read unmasked crops, as they were trained. */
    public static final String MASKED = "hand_crop_mask";
    /** Written only when the landmarks are refined: models without it used the locator's own reading. */
    public static final String REFINE = "hand_refine_landmarks";
    /** Every key {@link #toProperties} may write (exports copy these). */
    public static final java.util.List<String> KEYS = java.util.List.of(KEY, DETECTOR_SCORE, PRESENCE, CANDIDATES,
            TILES, TILE_PRESENCE, SECOND_PRESENCE, DIRECT_PRESENCE, SURE_DETECTOR, FINE_TILES, MIN_HAND_PIXELS, HOT_TILES_FIRST, MARGIN, UPRIGHT,
            CROP_EDGE, MASKED, REFINE);

    public static final HandFramingSpec OFF = new HandFramingSpec(null, HandLocator.Settings.DEFAULT, HandCrop.DEFAULT);

    public boolean on() {
        return variant != null;
    }

    /** The lite locator without {@link Refinement}: for deployments that need the 25 ms per photo. */
    public static final String FAST = "fast";

    /**
     * {@code auto} (the lite variant with the tuned defaults, its landmarks refined by the full
     * landmark model, docs/hand-locator.md), {@code fast} (the same without the refinement: about
     * 10 ms less per photo, less accurate over cluttered backgrounds), {@code full}, {@code lite}
     * (both refined) or {@code off}.
     */
    public static HandFramingSpec parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "off", "none", "false" -> OFF;
            case "auto", "on", "true" -> new HandFramingSpec(HandModels.Variant.LITE, HandLocator.Settings.DEFAULT, HandCrop.DEFAULT);
            case "full", "lite" -> new HandFramingSpec(HandModels.Variant.parse(v), HandLocator.Settings.DEFAULT, HandCrop.DEFAULT);
            // the locator's own landmarks, no full-model re-read: about 10 ms less per photo, less accurate over clutter
            case FAST -> new HandFramingSpec(HandModels.Variant.LITE, HandLocator.Settings.DEFAULT.withRefinement(Refinement.NONE),
                    HandCrop.DEFAULT);
            default -> throw new SignDigitsException("Unknown --hand-locator '" + value + "': use auto, fast, full, lite or off.");
        };
    }

    /** What inference commands take by default for {@code --hand-locator}: the framing the model records. */
    public static final String AS_RECORDED = "model";

    /**
     * The framing an inference command runs a model with, given what the model records and the
     * {@code --hand-locator} asked for. {@code model} (or null) is the recorded framing. A model
     * trained on hand crops always reads through its own locator: asking for another answer is an
     * error (asking for what it records is fine). A whole-photo model can be run on hand crops
     * ({@code auto}, {@code full}, {@code lite}): the hand is cropped first, then read by the
     * unchanged model (far better on small hands than whole frames; not what it was trained on).
     */
    public static HandFramingSpec choose(HandFramingSpec recorded, String requested, String source) {
        if (requested == null || requested.isBlank() || requested.strip().equalsIgnoreCase(AS_RECORDED)) {
            return recorded;
        }
        HandFramingSpec asked = parse(requested);
        if (!recorded.on()) {
            return asked;
        }
        if (asked.on() && asked.variant() == recorded.variant()) {
            return recorded;
        }
        throw new SignDigitsException(source + " was trained on hand crops (hand_locator=" + recorded.variant()
                + ") and always reads photos through that locator: drop --hand-locator " + requested.strip()
                + " (or use --hand-locator model).");
    }

    /**
     * The keys a model records; {@code cropEdge} is the crop's pixel edge (the model's input edge:
     * the crop is taken at exactly that size, so framing and resizing leave it as it is).
     */
    public Map<String, String> toProperties(int cropEdge) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY, on() ? variant.toString() : "off");
        if (on()) {
            m.put(DETECTOR_SCORE, Double.toString(settings.minDetectorScore()));
            m.put(PRESENCE, Double.toString(settings.minPresence()));
            m.put(CANDIDATES, Integer.toString(settings.maxCandidates()));
            m.put(TILES, Boolean.toString(settings.tiles()));
            m.put(TILE_PRESENCE, Double.toString(settings.minTilePresence()));
            m.put(SECOND_PRESENCE, Double.toString(settings.check().minPresence()));
            m.put(DIRECT_PRESENCE, Double.toString(settings.check().direct()));
            m.put(SURE_DETECTOR, Double.toString(settings.check().sureDetector()));
            m.put(FINE_TILES, Boolean.toString(settings.check().fineTiles()));
            m.put(MIN_HAND_PIXELS, Double.toString(settings.check().minHandPixels()));
            m.put(HOT_TILES_FIRST, Boolean.toString(settings.hotTilesFirst()));
            m.put(MARGIN, Double.toString(crop.margin()));
            m.put(UPRIGHT, Boolean.toString(crop.upright()));
            m.put(CROP_EDGE, Integer.toString(cropEdge));
            if (crop.masked()) {
                m.put(MASKED, "true");
            }
            if (settings.refinement() != Refinement.NONE) {
                m.put(REFINE, settings.refinement().toString());
            }
        }
        return m;
    }

    /** The spec a model's properties record; {@code source} names the model in messages. */
    public static HandFramingSpec fromProperties(Map<String, String> properties, String source) {
        String value = properties.get(KEY);
        if (value == null || value.equals("off")) {
            return OFF;
        }
        try {
            HandModels.Variant variant = HandModels.Variant.parse(value);
            HandLocator.Settings settings = new HandLocator.Settings(number(properties, DETECTOR_SCORE),
                    number(properties, PRESENCE), Integer.parseInt(required(properties, CANDIDATES)),
                    HandLocator.Settings.DEFAULT.threads(), Boolean.parseBoolean(required(properties, TILES)),
                    number(properties, TILE_PRESENCE), secondRead(properties),
                    // models trained before the early end of the tiled look existed searched every square
                    Boolean.parseBoolean(properties.getOrDefault(HOT_TILES_FIRST, "false")),
                    // models trained before refinement existed read with the locator's own landmarks
                    Refinement.parse(properties.getOrDefault(REFINE, "none")));
            return new HandFramingSpec(variant, settings,
                    new HandCrop(number(properties, MARGIN), Boolean.parseBoolean(required(properties, UPRIGHT)),
                            Boolean.parseBoolean(properties.getOrDefault(MASKED, "false"))));
        } catch (IllegalArgumentException | SignDigitsException e) {
            throw new SignDigitsException(source + " records hand_locator=" + value + " with incomplete or invalid hand"
                    + " settings (" + e.getMessage() + "); train or export the model again.", e);
        }
    }

    /** Models trained before the second read existed record none of its keys: they ran without it. */
    private static HandLocator.SecondRead secondRead(Map<String, String> p) {
        if (!p.containsKey(SECOND_PRESENCE)) {
            return HandLocator.SecondRead.OFF;
        }
        return new HandLocator.SecondRead(number(p, SECOND_PRESENCE), number(p, DIRECT_PRESENCE), number(p, SURE_DETECTOR),
                Boolean.parseBoolean(required(p, FINE_TILES)), number(p, MIN_HAND_PIXELS));
    }

    private static double number(Map<String, String> p, String key) {
        return Double.parseDouble(required(p, key));
    }

    private static String required(Map<String, String> p, String key) {
        String v = p.get(key);
        if (v == null) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return v;
    }

    @Override
    public String toString() {
        return on() ? variant + " (margin " + crop.margin() + (crop.upright() ? ", upright)" : ")") : "off";
    }
}
