package dev.signdigits.spark;

import dev.signdigits.SignDigitsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the job's rows as a Parquet directory, atomically where the file system renames
 * atomically (local, HDFS): into a hidden sibling first, renamed into place only once Spark has
 * committed every task. A failed or killed job leaves the previous output, or nothing, never half
 * a table. On object stores (S3) rename is a copy, so there it is only as good as the store.
 */
final class ParquetOutput {
    private final Path target;
    private final FileSystem fs;
    private final boolean overwrite;

    ParquetOutput(SparkSession spark, String output, boolean overwrite) {
        this.overwrite = overwrite;
        Path path = new Path(output);
        try {
            this.fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new SignDigitsException("Cannot reach the file system of --output " + output + " (" + e.getMessage()
                    + "): check the URI.", e);
        }
        this.target = fs.makeQualified(path);
    }

    /** Refuses an existing output unless overwriting; called before the job starts. */
    void checkWritable() {
        if (target.getParent() == null) {
            throw new SignDigitsException("--output " + target + " is a file system root: name a directory to write.");
        }
        if (exists(target) && !overwrite) {
            throw new SignDigitsException("--output " + target + " already exists: choose another directory or pass"
                    + " --overwrite to replace it.");
        }
    }

    /** Writes, then moves the committed table into place. */
    void write(Dataset<Row> rows) {
        Path temp = new Path(target.getParent(), "." + target.getName() + ".incomplete-" + UUID.randomUUID());
        try {
            rows.write().mode(SaveMode.ErrorIfExists).parquet(temp.toString());
            if (overwrite && exists(target) && !fs.delete(target, true)) {
                throw new SignDigitsException("Cannot delete the old " + target + " to replace it: check permissions.",
                        SignDigitsException.ENVIRONMENT, null);
            }
            if (!fs.rename(temp, target)) {
                throw new SignDigitsException("Cannot move the finished output " + temp + " to " + target
                        + ": check that nothing else wrote there.", SignDigitsException.ENVIRONMENT, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    Path target() {
        return target;
    }

    private boolean exists(Path path) {
        try {
            return fs.exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + path, e);
        }
    }

    private void deleteQuietly(Path path) {
        try {
            fs.delete(path, true);
        } catch (IOException ignored) {
            // a leftover hidden directory is harmless: readers skip names starting with '.'
        }
    }
}
