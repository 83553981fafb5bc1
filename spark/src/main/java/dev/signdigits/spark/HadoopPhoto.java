package dev.signdigits.spark;

import dev.signdigits.image.ImageDecodeException;
import dev.signdigits.image.ImageDecodeException.Reason;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.predict.PhotoSource;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A photo named by a file system URI, read on the executor with Hadoop's file systems: local, HDFS,
 * S3 and the rest alike. Every way one file can fail (gone, unreadable, too large, empty, not an
 * image, a decoder bug) becomes an {@link ImageDecodeException}, so it becomes that file's error
 * row and never fails the task.
 */
final class HadoopPhoto implements PhotoSource {
    private final String path;
    private final Configuration conf;

    HadoopPhoto(String path, Configuration conf) {
        this.path = path;
        this.conf = conf;
    }

    @Override
    public String name() {
        return path;
    }

    @Override
    public BufferedImage decode(ImageDecoder decoder) {
        byte[] bytes = read();
        try {
            return decoder.decode(bytes, path).rgb();
        } catch (ImageDecodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ImageDecodeException(Reason.CORRUPT, path, path + " could not be decoded (" + e
                    + "): check the file.", e);
        }
    }

    /** The file's bytes, refused past the decoder's size limit without reading further (no stat per file). */
    private byte[] read() {
        Path file = new Path(path);
        try {
            FileSystem fs = file.getFileSystem(conf);
            if (fs instanceof LocalFileSystem local) {
                fs = local.getRawFileSystem(); // photos have no Hadoop .crc files: skip looking for one per photo
            }
            byte[] bytes;
            try (InputStream in = fs.open(file)) {
                bytes = in.readNBytes(ImageDecoder.MAX_FILE_BYTES + 1);
            }
            if (bytes.length > ImageDecoder.MAX_FILE_BYTES) {
                ImageDecoder.requireReadableSize(fs.getFileStatus(file).getLen(), path);
            }
            return bytes;
        } catch (IOException e) {
            throw new ImageDecodeException(Reason.UNREADABLE, path, path + " cannot be read (" + e
                    + "): check that it exists and its permissions.", e);
        }
    }
}
