package dev.tfj.inference;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.proto.DataType;

/** The tensor element types the server can carry between JSON and TensorFlow. */
public enum DType {
  FLOAT(DataType.DT_FLOAT, "FP32", float.class),
  DOUBLE(DataType.DT_DOUBLE, "FP64", double.class),
  INT32(DataType.DT_INT32, "INT32", int.class),
  INT64(DataType.DT_INT64, "INT64", long.class),
  UINT8(DataType.DT_UINT8, "UINT8", byte.class),
  BOOL(DataType.DT_BOOL, "BOOL", boolean.class),
  STRING(DataType.DT_STRING, "BYTES", byte[].class);

  /** Each TensorFlow type's supported type, asked for every input and output of every request. */
  private static final Map<DataType, Optional<DType>> BY_TF = new EnumMap<>(DataType.class);

  static {
    for (DType d : values()) {
      BY_TF.put(d.tf, Optional.of(d));
    }
  }

  private final DataType tf;
  private final String kserveName;
  private final Class<?> elementType;

  DType(DataType tf, String kserveName, Class<?> elementType) {
    this.tf = tf;
    this.kserveName = kserveName;
    this.elementType = elementType;
  }

  /** TensorFlow's enum value. */
  public DataType tf() {
    return tf;
  }

  /** TensorFlow's name, as TF Serving prints it: {@code DT_FLOAT}. */
  public String tfName() {
    return tf.name();
  }

  /** The Open Inference Protocol's name: {@code FP32}. */
  public String kserveName() {
    return kserveName;
  }

  /** The Java element type of the flat array that holds values of this type. */
  public Class<?> elementType() {
    return elementType;
  }

  /** True for the types JSON numbers may fill. */
  public boolean isNumeric() {
    return this != BOOL && this != STRING;
  }

  /** The type for a TensorFlow data type, if the server supports it. */
  public static Optional<DType> of(DataType tf) {
    return tf == null ? Optional.empty() : BY_TF.getOrDefault(tf, Optional.empty());
  }


  /** The type for an Open Inference Protocol datatype name, if the server supports it. */
  public static Optional<DType> ofKserve(String name) {
    return Arrays.stream(values()).filter(d -> d.kserveName.equals(name)).findFirst();
  }

  /** The Open Inference Protocol name for any TensorFlow type, supported or not. */
  public static String kserveName(DataType tf) {
    return switch (tf) {
      case DT_HALF -> "FP16";
      case DT_INT8 -> "INT8";
      case DT_INT16 -> "INT16";
      case DT_UINT16 -> "UINT16";
      case DT_UINT32 -> "UINT32";
      case DT_UINT64 -> "UINT64";
      default -> of(tf).map(DType::kserveName).orElse(tf.name());
    };
  }
}
