package dev.tfj.cli.bench;

import com.google.protobuf.ByteString;
import dev.tfj.serving.api.tfserving.ModelSpec;
import dev.tfj.serving.api.tfserving.PredictRequest;
import dev.tfj.serving.api.tfserving.PredictionServiceGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * gRPC load on TF Serving's {@code PredictionService.Predict}, as its clients send it: one channel (one HTTP/2
 * connection) with a stream per caller, each sending the same {@code tensor_content} request again and again.
 */
public final class GrpcPredict implements AutoCloseable {

  private final ManagedChannel channel;
  private final PredictRequest request;

  /** {@code images} copies of the benchmark digit for {@code input}, each of {@code rowShape}. */
  public GrpcPredict(String host, int port, String model, String input, long[] rowShape, int images) {
    channel = Grpc.newChannelBuilderForAddress(host, port, InsecureChannelCredentials.create()).build();
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(images));
    for (long d : rowShape) {
      shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    float[] pixels = ImageBodies.digits(images).pixels();
    ByteBuffer bytes = ByteBuffer.allocate(pixels.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(pixels);
    request = PredictRequest.newBuilder()
        .setModelSpec(ModelSpec.newBuilder().setName(model))
        .putInputs(input, TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(shape)
            .setTensorContent(ByteString.copyFrom(bytes.array())).build())
        .build();
  }

  /** Callers sharing the channel; a call that fails throws with its gRPC status. */
  public LoadRunner.CallerFactory callers() {
    PredictionServiceGrpc.PredictionServiceBlockingStub stub = PredictionServiceGrpc.newBlockingStub(channel);
    return i -> new LoadRunner.Caller() {
      @Override
      public void call() throws IOException {
        try {
          stub.withDeadlineAfter(30, TimeUnit.SECONDS).predict(request);
        } catch (StatusRuntimeException e) {
          throw new IOException("gRPC Predict failed: " + e.getStatus(), e);
        }
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow();
    channel.awaitTermination(5, TimeUnit.SECONDS);
  }
}
