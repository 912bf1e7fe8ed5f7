package dev.tfj.inference;

import com.google.protobuf.ByteString;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Converts between {@link HostTensor}s and TensorFlow's {@code TensorProto}, the tensor of TF Serving's gRPC
 * API and warm-up files: either raw little-endian {@code tensor_content} or the typed {@code *_val} fields,
 * where (TensorFlow's rule) a single value fills the whole shape.
 */
public final class HostTensorProtos {

  private HostTensorProtos() {}

  /** A proto of the tensor: numbers as {@code tensor_content}, strings as {@code string_val}. */
  public static TensorProto toProto(HostTensor t) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : t.shape()) {
      shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    TensorProto.Builder proto = TensorProto.newBuilder().setDtype(t.dtype().tf()).setTensorShape(shape);
    if (t.dtype() == DType.STRING) {
      for (byte[] s : (byte[][]) t.data()) {
        proto.addStringVal(ByteString.copyFrom(s));
      }
      return proto.build();
    }
    ByteBuffer buf = ByteBuffer.allocate(t.size() * width(t.dtype())).order(ByteOrder.LITTLE_ENDIAN);
    switch (t.dtype()) {
      case FLOAT -> buf.asFloatBuffer().put((float[]) t.data());
      case DOUBLE -> buf.asDoubleBuffer().put((double[]) t.data());
      case INT32 -> buf.asIntBuffer().put((int[]) t.data());
      case INT64 -> buf.asLongBuffer().put((long[]) t.data());
      case UINT8 -> buf.put((byte[]) t.data());
      case BOOL -> {
        for (boolean b : (boolean[]) t.data()) {
          buf.put((byte) (b ? 1 : 0));
        }
      }
      case STRING -> throw new IllegalStateException("unreachable");
    }
    return proto.setTensorContent(ByteString.copyFrom(buf.array())).build();
  }

  /**
   * The tensor a proto holds.
   *
   * @throws InvalidInputException for an unsupported type, an unknown dimension, or a value count that does
   *     not fill the shape
   */
  public static HostTensor fromProto(TensorProto proto) {
    DType dtype = DType.of(proto.getDtype()).orElseThrow(() -> new InvalidInputException(
        "tensor type " + proto.getDtype() + " is not supported; use one of DT_FLOAT, DT_DOUBLE, DT_INT32, "
            + "DT_INT64, DT_UINT8, DT_BOOL, DT_STRING"));
    long[] shape = proto.getTensorShape().getDimList().stream().mapToLong(TensorShapeProto.Dim::getSize).toArray();
    for (long d : shape) {
      if (d < 0) {
        throw new InvalidInputException("tensor shape " + java.util.Arrays.toString(shape) + " has an unknown dimension");
      }
    }
    long n = HostTensor.elementCount(shape);
    if (n > Integer.MAX_VALUE) {
      throw new InvalidInputException("tensor of " + n + " values is too large");
    }
    int count = (int) n;
    if (dtype != DType.STRING && !proto.getTensorContent().isEmpty()) {
      return new HostTensor(dtype, shape, fromContent(dtype, proto.getTensorContent(), count));
    }
    List<?> vals = switch (dtype) {
      case FLOAT -> proto.getFloatValList();
      case DOUBLE -> proto.getDoubleValList();
      case INT32, UINT8 -> proto.getIntValList();
      case INT64 -> proto.getInt64ValList();
      case BOOL -> proto.getBoolValList();
      case STRING -> proto.getStringValList();
    };
    if (count == 0 ? !vals.isEmpty() : vals.size() != count && vals.size() != 1) {
      throw new InvalidInputException(
          "tensor of " + dtype.tfName() + " has " + vals.size() + " values for a shape of " + count);
    }
    Object data = Array.newInstance(dtype.elementType(), count);
    for (int i = 0; i < count; i++) {
      Object v = vals.get(vals.size() == 1 ? 0 : i);
      Array.set(data, i, switch (dtype) {
        case UINT8 -> (byte) (int) (Integer) v;
        case STRING -> ((ByteString) v).toByteArray();
        default -> v;
      });
    }
    return new HostTensor(dtype, shape, data);
  }

  private static Object fromContent(DType dtype, ByteString content, int count) {
    int width = width(dtype);
    if (content.size() != (long) count * width) {
      throw new InvalidInputException("tensor_content holds " + content.size() + " bytes; a " + dtype.tfName()
          + " tensor of " + count + " values needs " + (long) count * width);
    }
    ByteBuffer buf = content.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    return switch (dtype) {
      case FLOAT -> {
        float[] v = new float[count];
        buf.asFloatBuffer().get(v);
        yield v;
      }
      case DOUBLE -> {
        double[] v = new double[count];
        buf.asDoubleBuffer().get(v);
        yield v;
      }
      case INT32 -> {
        int[] v = new int[count];
        buf.asIntBuffer().get(v);
        yield v;
      }
      case INT64 -> {
        long[] v = new long[count];
        buf.asLongBuffer().get(v);
        yield v;
      }
      case UINT8 -> {
        byte[] v = new byte[count];
        buf.get(v);
        yield v;
      }
      case BOOL -> {
        boolean[] v = new boolean[count];
        for (int i = 0; i < count; i++) {
          v[i] = buf.get() != 0;
        }
        yield v;
      }
      case STRING -> throw new IllegalStateException("strings have no tensor_content");
    };
  }

  private static int width(DType dtype) {
    return switch (dtype) {
      case FLOAT, INT32 -> 4;
      case DOUBLE, INT64 -> 8;
      case UINT8, BOOL -> 1;
      case STRING -> 0;
    };
  }

}
