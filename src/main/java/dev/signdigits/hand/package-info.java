/**
 * Finding the hand in a photo or webcam frame, with Google's MediaPipe palm detector and hand
 * landmark model (TFLite, Apache-2.0) on the TFLite runtime the project already uses.
 *
 * <p>{@link dev.signdigits.hand.HandLocator} is the entry point: it letterboxes the frame to a
 * square, runs the palm detector, turns the best detection into a rotated square hand region the
 * way MediaPipe's graphs do (wrist to middle-finger base pointing up, 2.6 times the palm, shifted
 * half a palm toward the fingers), runs the landmark model on that region and accepts on its
 * presence score. Close-ups in which the hand fills the frame (the palm detector does not fire on
 * them) are found by running the landmark model on the whole frame. The answer is a
 * {@link dev.signdigits.hand.HandResult}: a hand (landmarks, region and box in source pixels,
 * handedness, scores) or "no hand" with a reason. {@link dev.signdigits.hand.HandCrop} is the one
 * crop policy for the digit classifier; {@link dev.signdigits.hand.HandModels} finds the model files.
 *
 * <p>The anchor options, score decoding, weighted non-max suppression, region rule and input
 * ranges are MediaPipe's ({@code mediapipe/modules/palm_detection/palm_detection_cpu.pbtxt},
 * {@code hand_landmark/hand_landmark_cpu.pbtxt}, {@code palm_detection_detection_to_roi.pbtxt});
 * the code here is our own.
 */
package dev.signdigits.hand;
