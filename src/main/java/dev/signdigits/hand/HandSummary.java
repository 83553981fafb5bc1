package dev.signdigits.hand;

/**
 * The part of a {@link HandResult} a client sees (JSON of predict, and later the service): whether
 * a hand was found, where (its box in source pixels) and how sure, or why not.
 *
 * @param found      whether a hand was found
 * @param reason     why not (null when found)
 * @param box        the box around the hand's landmarks in the photo's pixels (null when not found)
 * @param presence   the landmark model's hand presence (the best one seen when not found)
 * @param handedness "left" or "right" as seen in the photo (null when not found)
 */
public record HandSummary(boolean found, String reason, Box box, double presence, String handedness) {

    public static HandSummary of(HandResult result) {
        if (result instanceof HandResult.Found hand) {
            return new HandSummary(true, null, hand.box(), hand.presence(), hand.handedness().toString().toLowerCase(java.util.Locale.ROOT));
        }
        HandResult.NoHand none = (HandResult.NoHand) result;
        return new HandSummary(false, none.reason(), null, none.bestPresence(), null);
    }
}
