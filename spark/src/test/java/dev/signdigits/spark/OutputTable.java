package dev.signdigits.spark;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a job's Parquet output back with Spark, in a session of its own. */
final class OutputTable {
    private OutputTable() {}

    static List<Row> read(Path output) {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("read batch output").getOrCreate();
        try {
            return spark.read().parquet(output.toString()).collectAsList();
        } finally {
            spark.stop();
        }
    }

    /** The local file a row's {@code path} (a file: URI) names. */
    static Path file(Row row) {
        return Path.of(URI.create(row.getString(row.fieldIndex("path"))));
    }
}
