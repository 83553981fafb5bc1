package dev.signdigits.hand;

import java.util.List;

/** What {@link HandLocator} says about a frame: a hand, or no hand with the reason. */
public sealed interface HandResult permits HandResult.Found, HandResult.NoHand {

    boolean found();

    /**
     * A hand.
     *
     * @param detectorScore   the palm detector's score, or NaN when found by {@link HandPath#WHOLE_FRAME}
     * @param presence        the landmark model's hand presence (a probability)
     * @param region          the rotated square the landmarks were read in, in source pixels
     * @param box             the axis-aligned box around the 21 landmarks, clipped to the frame, in source pixels
     * @param landmarks       21 landmarks in source pixels
     * @param handedness      left or right hand (as seen in the photo, not mirrored)
     * @param handednessScore the probability of that handedness, 0.5..1
     * @param path            how it was found
     */
    record Found(double detectorScore, double presence, RotatedRect region, Box box, List<Landmark> landmarks,
                 Handedness handedness, double handednessScore, HandPath path) implements HandResult {
        public Found {
            landmarks = List.copyOf(landmarks);
            if (landmarks.size() != Landmark.COUNT) {
                throw new IllegalArgumentException("a hand has " + Landmark.COUNT + " landmarks, got " + landmarks.size());
            }
        }

        @Override
        public boolean found() {
            return true;
        }
    }

    /**
     * No hand.
     *
     * @param reason            one sentence for people, e.g. for the API's {@code reason}
     * @param bestDetectorScore the highest palm score over all anchors (below the threshold)
     * @param bestPresence      the highest hand presence the landmark model gave (below the threshold)
     */
    record NoHand(String reason, double bestDetectorScore, double bestPresence) implements HandResult {
        @Override
        public boolean found() {
            return false;
        }
    }
}
