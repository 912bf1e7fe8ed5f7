package dev.tfj.server.protocol;

import com.google.protobuf.ByteString;
import dev.tfj.inference.DType;
import dev.tfj.inference.HostTensor;
import dev.tfj.inference.HostTensorProtos;
import dev.tfj.inference.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The Open Inference Protocol's raw tensor bytes (gRPC's {@code raw_input_contents}, REST's binary tensor
 * data): numbers little-endian in row-major order, BYTES as a 4-byte little-endian length before each
 * element. Numbers go through {@link HostTensorProtos}' {@code tensor_content} codec.
 */
public final class RawTensors {

  private RawTensors() {}

  /** The tensor the bytes hold for this type and shape. */
  public static HostTensor decode(String name, DType dtype, long[] shape, ByteString raw) {
    if (dtype == DType.STRING) {
      byte[][] values = strings(name, raw, (int) HostTensor.elementCount(shape));
      if (values.length != HostTensor.elementCount(shape)) {
        throw new InvalidInputException("input '" + name + "' has " + values.length + " BYTES elements but shape "
            + java.util.Arrays.toString(shape) + " needs " + HostTensor.elementCount(shape));
      }
      return new HostTensor(dtype, shape, values);
    }
    TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
    for (long d : shape) {
      dims.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    try {
      return HostTensorProtos.fromProto(
          TensorProto.newBuilder().setDtype(dtype.tf()).setTensorShape(dims).setTensorContent(raw).build());
    } catch (InvalidInputException e) {
      throw new InvalidInputException("input '" + name + "': " + e.getMessage());
    }
  }

  /** The bytes of a tensor. */
  public static ByteString encode(HostTensor t) {
    if (t.dtype() != DType.STRING) {
      return HostTensorProtos.toProto(t).getTensorContent();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] s : (byte[][]) t.data()) {
      out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(s.length).array());
      out.writeBytes(s);
    }
    return ByteString.copyFrom(out.toByteArray());
  }

  private static byte[][] strings(String name, ByteString raw, int count) {
    ByteBuffer buf = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    List<byte[]> values = new ArrayList<>(count);
    while (buf.hasRemaining()) {
      if (buf.remaining() < 4) {
        throw new InvalidInputException("input '" + name + "': BYTES data ends inside a length prefix");
      }
      int length = buf.getInt();
      if (length < 0 || length > buf.remaining()) {
        throw new InvalidInputException("input '" + name + "': a BYTES element of " + length + " bytes overruns the data");
      }
      byte[] value = new byte[length];
      buf.get(value);
      values.add(value);
    }
    return values.toArray(new byte[0][]);
  }
}
