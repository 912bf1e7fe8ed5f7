package dev.tfj.server.grpc;

import com.google.protobuf.ByteString;
import dev.tfj.inference.DType;
import dev.tfj.inference.HostTensor;
import dev.tfj.inference.InvalidInputException;
import dev.tfj.serving.api.inference.InferTensorContents;
import java.util.List;

/** The Open Inference Protocol's typed gRPC contents to and from {@link HostTensor}s. */
final class InferContents {

  private InferContents() {}

  /** The values of the contents field that belongs to the type, with the shape given. */
  static HostTensor read(String name, DType dtype, long[] shape, InferTensorContents c) {
    int n = switch (dtype) {
      case FLOAT -> c.getFp32ContentsCount();
      case DOUBLE -> c.getFp64ContentsCount();
      case INT32 -> c.getIntContentsCount();
      case INT64 -> c.getInt64ContentsCount();
      case UINT8 -> c.getUintContentsCount();
      case BOOL -> c.getBoolContentsCount();
      case STRING -> c.getBytesContentsCount();
    };
    if (n != HostTensor.elementCount(shape)) {
      throw new InvalidInputException("input '" + name + "' has " + n + " " + field(dtype) + " values but shape "
          + java.util.Arrays.toString(shape) + " needs " + HostTensor.elementCount(shape));
    }
    Object data = switch (dtype) {
      case FLOAT -> {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
          v[i] = c.getFp32Contents(i);
        }
        yield v;
      }
      case DOUBLE -> c.getFp64ContentsList().stream().mapToDouble(Double::doubleValue).toArray();
      case INT32 -> c.getIntContentsList().stream().mapToInt(Integer::intValue).toArray();
      case INT64 -> c.getInt64ContentsList().stream().mapToLong(Long::longValue).toArray();
      case UINT8 -> {
        byte[] v = new byte[n];
        for (int i = 0; i < n; i++) {
          v[i] = (byte) c.getUintContents(i);
        }
        yield v;
      }
      case BOOL -> {
        boolean[] v = new boolean[n];
        for (int i = 0; i < n; i++) {
          v[i] = c.getBoolContents(i);
        }
        yield v;
      }
      case STRING -> c.getBytesContentsList().stream().map(ByteString::toByteArray).toArray(byte[][]::new);
    };
    return new HostTensor(dtype, shape, data);
  }

  /** A tensor's values in the contents field of its type. */
  static InferTensorContents write(HostTensor t) {
    InferTensorContents.Builder c = InferTensorContents.newBuilder();
    switch (t.dtype()) {
      case FLOAT -> {
        for (float v : (float[]) t.data()) {
          c.addFp32Contents(v);
        }
      }
      case DOUBLE -> {
        for (double v : (double[]) t.data()) {
          c.addFp64Contents(v);
        }
      }
      case INT32 -> {
        for (int v : (int[]) t.data()) {
          c.addIntContents(v);
        }
      }
      case INT64 -> {
        for (long v : (long[]) t.data()) {
          c.addInt64Contents(v);
        }
      }
      case UINT8 -> {
        for (byte v : (byte[]) t.data()) {
          c.addUintContents(v & 0xff);
        }
      }
      case BOOL -> {
        for (boolean v : (boolean[]) t.data()) {
          c.addBoolContents(v);
        }
      }
      case STRING -> c.addAllBytesContents(List.of((byte[][]) t.data()).stream().map(ByteString::copyFrom).toList());
    }
    return c.build();
  }

  private static String field(DType dtype) {
    return switch (dtype) {
      case FLOAT -> "fp32_contents";
      case DOUBLE -> "fp64_contents";
      case INT32 -> "int_contents";
      case INT64 -> "int64_contents";
      case UINT8 -> "uint_contents";
      case BOOL -> "bool_contents";
      case STRING -> "bytes_contents";
    };
  }
}
