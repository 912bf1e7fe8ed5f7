package dev.tfj.inference;

import java.util.Arrays;
import java.util.Optional;
import org.tensorflow.proto.DataType;

/**
 * One input or output of a signature: its key in the signature, the graph tensor behind it, its type
 * and its shape ({@code -1} for a dimension of any size; {@code null} when even the rank is unknown).
 */
public record TensorSpec(String name, String tensorName, DataType dataType, long[] shape) {

  /** The supported element type, empty for types the server cannot carry. */
  public Optional<DType> dtype() {
    return DType.of(dataType);
  }

  /** True when the rank is unknown. */
  public boolean unknownRank() {
    return shape == null;
  }

  /** True when the first dimension is a batch dimension of any size. */
  public boolean batched() {
    return shape != null && shape.length > 0 && shape[0] == -1;
  }

  /** The shape as TF Serving and people write it, {@code [-1,28,28,1]} or {@code <unknown>}. */
  public String shapeText() {
    return shape == null ? "<unknown>" : Arrays.toString(shape).replace(" ", "");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec t
        && name.equals(t.name)
        && tensorName.equals(t.tensorName)
        && dataType == t.dataType
        && Arrays.equals(shape, t.shape);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + ":" + dataType + shapeText();
  }
}
