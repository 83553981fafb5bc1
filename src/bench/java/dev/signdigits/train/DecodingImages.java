package dev.signdigits.train;

import dev.signdigits.image.ImageDecoder;
import dev.signdigits.image.ModelInput;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;

/**
 * Photos that are decoded (and framed as training keeps them) each time they are read, so that JPEG
 * decoding happens inside the training loop, on the input workers, as in a data loader that reads
 * from disk every epoch. Thread-safe.
 */
final class DecodingImages extends AbstractList<BufferedImage> {
    private final List<Path> files;
    private final ImageDecoder decoder = new ImageDecoder();
    private final int inputSize;

    DecodingImages(List<Path> files, int inputSize) {
        this.files = List.copyOf(files);
        this.inputSize = inputSize;
    }

    @Override
    public BufferedImage get(int index) {
        return ModelInput.frame(decoder.decode(files.get(index)).rgb(), inputSize);
    }

    @Override
    public int size() {
        return files.size();
    }
}
