package dev.signdigits.train;

import dev.signdigits.data.ImageDecoder;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;

/**
 * Photos that are decoded (and shrunk as training keeps them) each time they are read, so that JPEG
 * decoding happens inside the training loop, on the input workers, as in a data loader that reads
 * from disk every epoch. Thread-safe.
 */
final class DecodingImages extends AbstractList<BufferedImage> {
    private final List<Path> files;
    private final ImageDecoder decoder = new ImageDecoder();

    DecodingImages(List<Path> files) {
        this.files = List.copyOf(files);
    }

    @Override
    public BufferedImage get(int index) {
        return TrainingDataLoader.shrink(decoder.decode(files.get(index)).rgb());
    }

    @Override
    public int size() {
        return files.size();
    }
}
