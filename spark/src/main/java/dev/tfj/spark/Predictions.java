package dev.tfj.spark;

import dev.tfj.bundle.ServingSignature;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of scored images: {@code id} (string), {@code class} (int, the most probable digit),
 * {@code probabilities} (array of ten floats, digit 0 first) and, for labelled input, {@code label} (int, null
 * where a row has none).
 */
public final class Predictions {

  public static final String ID = "id";
  public static final String CLASS = "class";
  public static final String PROBABILITIES = "probabilities";
  public static final String LABEL = "label";
  /** Classes, and probabilities per row. */
  public static final int CLASSES = ServingSignature.NUM_CLASSES;

  private Predictions() {}

  /** The schema of scored rows, with a label column or without. */
  public static StructType schema(boolean labelled) {
    StructType schema = new StructType(new StructField[] {
      DataTypes.createStructField(ID, DataTypes.StringType, false),
      DataTypes.createStructField(CLASS, DataTypes.IntegerType, false),
      DataTypes.createStructField(PROBABILITIES, DataTypes.createArrayType(DataTypes.FloatType, false), false)
    });
    return labelled ? schema.add(LABEL, DataTypes.IntegerType, true) : schema;
  }

  /** The CSV column of the probability of digit {@code c}: {@code p0} .. {@code p9}. */
  public static String probabilityColumn(int c) {
    return "p" + c;
  }
}
