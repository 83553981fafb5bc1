package dev.signdigits.eval.robustness;

import dev.signdigits.eval.LabeledPhoto;
import java.util.ArrayList;
import java.util.List;

/** The conditions of the robustness section, in the order the report shows them. */
public final class Conditions {
    public static final String AS_IS = "as is";
    public static final String GRAYSCALE = "grayscale";
    public static final String BLURRED = "blurred";
    public static final String DARKENED = "darkened";
    public static final String BACKGROUND_REPLACED = "background-replaced";
    public static final String PHONE_LIKE = "phone-like";
    /** Every name, in order. */
    public static final List<String> NAMES = List.of(AS_IS, GRAYSCALE, BLURRED, DARKENED, BACKGROUND_REPLACED, PHONE_LIKE);

    private Conditions() {}

    /**
     * The six conditions for {@code photos}: as is, grayscale, blurred, darkened, background-replaced
     * (the hands from {@code hands}) and phone-like; without background-replaced when {@code hands}
     * is null (no locator to find the hands with).
     */
    public static List<PhotoCondition> standard(List<LabeledPhoto> photos, OriginalHands hands) {
        Backdrops backdrops = new Backdrops(photos.stream().map(LabeledPhoto::image).toList());
        GaussianBlur blur = new GaussianBlur(GaussianBlur.DEFAULT_SHARE);
        List<PhotoCondition> out = new ArrayList<>();
        out.add(new PhotoCondition(AS_IS, "the photos as they are", false, (photo, index, seed) -> photo));
        out.add(new PhotoCondition(GRAYSCALE, Grayscale.DESCRIPTION, false, new Grayscale()));
        out.add(new PhotoCondition(BLURRED, blur.description(), false, blur));
        out.add(new PhotoCondition(DARKENED, DimRoom.description(), true, new DimRoom()));
        if (hands != null) {
            out.add(new PhotoCondition(BACKGROUND_REPLACED, BackgroundSwap.description(), true,
                    new BackgroundSwap(hands, backdrops)));
        }
        out.add(new PhotoCondition(PHONE_LIKE, PhoneFrame.description(), true, new PhoneFrame(backdrops)));
        return out;
    }
}
