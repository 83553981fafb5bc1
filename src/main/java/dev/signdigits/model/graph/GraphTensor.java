package dev.signdigits.model.graph;

/**
 * A value flowing through a {@link FoldedGraph}: a square feature map of {@code channels x size x
 * size}, or, when {@code size} is 0, a vector of {@code channels} values (after pooling).
 *
 * @param id   index in {@link FoldedGraph#tensors()}
 * @param name the layer that produces it ("input" for the image)
 */
public record GraphTensor(int id, String name, int channels, int size) {
    public GraphTensor {
        if (channels < 1 || size < 0) {
            throw new IllegalArgumentException("bad tensor " + name + ": " + channels + " channels, size " + size);
        }
    }

    public boolean isVector() {
        return size == 0;
    }
}
