package dev.tfj.inference;

import java.util.Arrays;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/** Copies values between {@link HostTensor}s and native TensorFlow tensors in bulk. */
final class TensorConversion {

  private TensorConversion() {}

  /** A new native tensor holding a copy of the values; the caller closes it. */
  static Tensor toTensor(HostTensor h) {
    Shape shape = Shape.of(h.shape());
    return switch (h.dtype()) {
      case FLOAT -> TFloat32.tensorOf(shape, DataBuffers.of((float[]) h.data(), true, false));
      case DOUBLE -> TFloat64.tensorOf(shape, DataBuffers.of((double[]) h.data(), true, false));
      case INT32 -> TInt32.tensorOf(shape, DataBuffers.of((int[]) h.data(), true, false));
      case INT64 -> TInt64.tensorOf(shape, DataBuffers.of((long[]) h.data(), true, false));
      case UINT8 -> TUint8.tensorOf(shape, DataBuffers.of((byte[]) h.data(), true, false));
      case BOOL -> TBool.tensorOf(shape, DataBuffers.of((boolean[]) h.data(), true, false));
      case STRING -> TString.tensorOfBytes(shape, DataBuffers.of((byte[][]) h.data(), true, false));
    };
  }

  /** Copies a native tensor's values out; the caller still closes the tensor. */
  static HostTensor fromTensor(Tensor t) {
    long[] shape = t.shape().asArray();
    int n = Math.toIntExact(t.shape().size());
    DType dtype =
        DType.of(t.dataType())
            .orElseThrow(() -> new UnsupportedOperationException("output type " + t.dataType() + " is not supported"));
    Object data =
        switch (dtype) {
          case FLOAT -> {
            float[] v = new float[n];
            ((TFloat32) t).copyTo(DataBuffers.of(v, false, false));
            yield v;
          }
          case DOUBLE -> {
            double[] v = new double[n];
            ((TFloat64) t).copyTo(DataBuffers.of(v, false, false));
            yield v;
          }
          case INT32 -> {
            int[] v = new int[n];
            ((TInt32) t).copyTo(DataBuffers.of(v, false, false));
            yield v;
          }
          case INT64 -> {
            long[] v = new long[n];
            ((TInt64) t).copyTo(DataBuffers.of(v, false, false));
            yield v;
          }
          case UINT8 -> {
            byte[] v = new byte[n];
            ((TUint8) t).copyTo(DataBuffers.of(v, false, false));
            yield v;
          }
          case BOOL -> {
            boolean[] v = new boolean[n];
            ((TBool) t).copyTo(DataBuffers.of(v, false, false));
            yield v;
          }
          case STRING -> {
            byte[][] v = new byte[n][];
            NdArray<byte[]> bytes = ((TString) t).asBytes();
            int[] i = {0};
            bytes.scalars().forEach(s -> v[i[0]++] = s.getObject());
            yield v;
          }
        };
    return new HostTensor(dtype, shape.length == 0 ? new long[0] : Arrays.copyOf(shape, shape.length), data);
  }
}
