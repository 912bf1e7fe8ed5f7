package dev.tfj.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

class HostTensorProtosTest {

  private static TensorProto.Builder proto(DataType type, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    return TensorProto.newBuilder().setDtype(type).setTensorShape(shape);
  }

  @Test
  void roundTripsEveryTypeThroughTensorContentOrStringVal() {
    HostTensor[] tensors = {
      HostTensor.floats(new long[] {2, 2}, new float[] {0f, -1.5f, Float.NaN, 3e38f}),
      new HostTensor(DType.DOUBLE, new long[] {1}, new double[] {Math.PI}),
      new HostTensor(DType.INT32, new long[] {3}, new int[] {-1, 0, Integer.MAX_VALUE}),
      new HostTensor(DType.INT64, new long[] {2}, new long[] {Long.MIN_VALUE, 7}),
      new HostTensor(DType.UINT8, new long[] {2}, new byte[] {(byte) 255, 1}),
      new HostTensor(DType.BOOL, new long[] {2}, new boolean[] {true, false}),
      new HostTensor(DType.STRING, new long[] {2}, new byte[][] {"x".getBytes(), new byte[] {0, (byte) 200}}),
      HostTensor.floats(new long[] {0, 784}, new float[0]),
    };
    for (HostTensor t : tensors) {
      assertThat(HostTensorProtos.fromProto(HostTensorProtos.toProto(t))).as(t.toString()).isEqualTo(t);
    }
    assertThat(HostTensorProtos.toProto(tensors[0]).getTensorContent().size()).isEqualTo(16);
  }

  @Test
  void readsTypedValuesAndFillsTheShapeFromASingleOne() {
    assertThat(HostTensorProtos.fromProto(proto(DataType.DT_FLOAT, 1, 3).addFloatVal(0.5f).build()))
        .isEqualTo(HostTensor.floats(new long[] {1, 3}, new float[] {0.5f, 0.5f, 0.5f}));
    assertThat(HostTensorProtos.fromProto(proto(DataType.DT_UINT8, 2).addIntVal(255).addIntVal(3).build()))
        .isEqualTo(new HostTensor(DType.UINT8, new long[] {2}, new byte[] {(byte) 255, 3}));
    assertThat(HostTensorProtos.fromProto(proto(DataType.DT_STRING).addStringVal(ByteString.copyFromUtf8("a")).build()))
        .isEqualTo(new HostTensor(DType.STRING, new long[0], new byte[][] {"a".getBytes()}));
  }

  @Test
  void rejectsWhatDoesNotFillTheShapeOrCannotBeCarried() {
    assertThatThrownBy(() -> HostTensorProtos.fromProto(proto(DataType.DT_INT64, 3).addInt64Val(1).addInt64Val(2).build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("tensor of DT_INT64 has 2 values for a shape of 3");
    assertThatThrownBy(() -> HostTensorProtos.fromProto(
            proto(DataType.DT_FLOAT, 2).setTensorContent(ByteString.copyFrom(new byte[7])).build()))
        .hasMessage("tensor_content holds 7 bytes; a DT_FLOAT tensor of 2 values needs 8");
    assertThatThrownBy(() -> HostTensorProtos.fromProto(proto(DataType.DT_HALF, 1).addHalfVal(1).build()))
        .hasMessageStartingWith("tensor type DT_HALF is not supported");
    assertThatThrownBy(() -> HostTensorProtos.fromProto(proto(DataType.DT_FLOAT, -1, 2).build()))
        .hasMessage("tensor shape [-1, 2] has an unknown dimension");
  }
}
