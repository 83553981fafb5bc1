package dev.signdigits.spark;

import dev.signdigits.SignDigitsException;
import dev.signdigits.data.ImageFolder;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The photos of a job, one {@code path} row each: every file with an image extension that Spark's
 * binary file source finds for the input (a directory, searched recursively, a file or a glob;
 * names starting with '_' or '.' are hidden from it, as from every Spark file source). Only the
 * listing comes from the source, on the driver; each task reads its photos itself, because
 * (1) a file that cannot be read must become an error row rather than a failed task, and (2) the
 * source's scan drops zero-byte files, while every file must appear in the output exactly once.
 * The sorted paths are cut into partitions of up to {@code partitionSize} photos (a partition opens
 * the model once), at least one per core.
 *
 * @param photos     the rows, partitioned for prediction
 * @param count      how many photos
 * @param partitions how many partitions
 */
record PhotoListing(Dataset<Row> photos, long count, int partitions) {
    static final StructType SCHEMA = new StructType().add("path", DataTypes.StringType, false);

    static PhotoListing of(SparkSession spark, String input, int partitionSize) {
        List<Row> paths = Arrays.stream(listFiles(spark, input)).filter(PhotoListing::isImage).sorted()
                .map(path -> RowFactory.create(path)).toList();
        if (paths.isEmpty()) {
            throw new SignDigitsException("--input " + input + " holds no photos (files named *." + String.join(", *.",
                    ImageFolder.IMAGE_EXTENSIONS.stream().sorted().toList()) + "): check the path or glob.");
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = Math.max(context.defaultParallelism(), (paths.size() + partitionSize - 1) / partitionSize);
        partitions = Math.min(partitions, paths.size());
        Dataset<Row> photos = spark.createDataFrame(context.parallelize(paths, partitions), SCHEMA);
        return new PhotoListing(photos, paths.size(), partitions);
    }

    /** Every file the binary file source lists for the input, as qualified URIs. */
    private static String[] listFiles(SparkSession spark, String input) {
        try {
            return spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(input).inputFiles();
        } catch (Exception e) { // Scala declares no exceptions: javac does not see AnalysisException thrown here
            if (e instanceof AnalysisException refused) {
                throw new SignDigitsException("PATH_NOT_FOUND".equals(refused.getCondition())
                        ? "--input " + input + " matches no file: check the path or glob."
                        : "--input " + input + " cannot be listed (" + refused.getSimpleMessage() + "): check it.", e);
            }
            throw e;
        }
    }

    private static boolean isImage(String path) {
        return ImageFolder.isImageName(path.substring(path.lastIndexOf('/') + 1));
    }
}
