package dev.signdigits.eval;

import dev.signdigits.hand.HandResult;
import java.awt.image.BufferedImage;

/**
 * A decoded photo kept in memory with its label, for measurements that change the photo and score
 * it again (the robustness section) without decoding it twice.
 *
 * @param file  its path relative to the photo set's root, for reports
 * @param label the index of its digit in the model's labels
 * @param group its person session, or null when not known
 * @param image the decoded, upright photo (TYPE_INT_RGB)
 * @param hand  what the model's own locator said about it, or null when the model reads whole photos
 */
public record LabeledPhoto(String file, int label, String group, BufferedImage image, HandResult hand) {}
