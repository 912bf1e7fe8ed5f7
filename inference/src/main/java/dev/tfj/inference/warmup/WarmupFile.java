package dev.tfj.inference.warmup;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.tfj.bundle.TempFiles;
import dev.tfj.inference.HostTensor;
import dev.tfj.inference.HostTensorProtos;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.proto.TensorProto;

/**
 * TF Serving's SavedModel warm-up file, {@code assets.extra/tf_serving_warmup_requests}: a TFRecord file of
 * {@code PredictionLog} records, each a predict request the server runs once before it reports the version
 * available, so the first client does not pay for graph optimisation and kernel selection.
 */
public final class WarmupFile {

  /** Where TF Serving looks for the file, relative to a version directory. */
  public static final String PATH = "assets.extra/tf_serving_warmup_requests";

  /** TF Serving reads at most this many records. */
  public static final int MAX_RECORDS = 1000;

  /** No single record is allowed to be larger than this (a warm-up batch of a few images is kilobytes). */
  static final long MAX_RECORD_BYTES = 64L << 20;

  private WarmupFile() {}

  /** One predict request of a warm-up file: a signature (empty for the default) and its inputs by name. */
  public record Request(String signatureName, Map<String, HostTensor> inputs) {}

  /** The warm-up file of a version directory, if it has one. */
  public static Optional<Path> find(Path versionDir) {
    Path file = versionDir.resolve(PATH);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /**
   * Writes {@code requests} for the model named {@code modelName} as {@code versionDir/assets.extra/
   * tf_serving_warmup_requests}, through a temporary file and a rename.
   */
  public static Path write(Path versionDir, String modelName, List<Request> requests) throws IOException {
    if (requests.isEmpty() || requests.size() > MAX_RECORDS) {
      throw new IllegalArgumentException("a warm-up file holds 1 to " + MAX_RECORDS + " requests, not " + requests.size());
    }
    Path target = versionDir.resolve(PATH);
    Files.createDirectories(target.getParent());
    Path tmp = TempFiles.createFile(target.getParent(), ".warmup-", ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
        for (Request request : requests) {
          TfRecords.write(out, predictionLog(modelName, request).toByteArray());
        }
      }
      TempFiles.replace(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }

  /**
   * The predict requests in a warm-up file, at most {@link #MAX_RECORDS}; records of other kinds
   * (classify, regress, ...) are skipped.
   *
   * @throws IOException for a file that is not a well-formed TFRecord file of {@code PredictionLog}s
   */
  public static List<Request> read(Path file) throws IOException {
    List<Request> requests = new ArrayList<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      for (int record = 0; record < MAX_RECORDS; record++) {
        byte[] data = TfRecords.read(in, MAX_RECORD_BYTES);
        if (data == null) {
          break;
        }
        try {
          parse(data).ifPresent(requests::add);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
          throw new IOException("record " + (record + 1) + " is not a PredictionLog: " + e.getMessage(), e);
        }
      }
    }
    return requests;
  }

  private static Optional<Request> parse(byte[] data) throws InvalidProtocolBufferException {
    DynamicMessage log = DynamicMessage.parseFrom(PredictionLogs.PREDICTION_LOG, data);
    var predictLog = PredictionLogs.PREDICTION_LOG.findFieldByName("predict_log");
    if (!log.hasField(predictLog)) {
      return Optional.empty();
    }
    Message request = (Message) ((Message) log.getField(predictLog))
        .getField(PredictionLogs.PREDICT_LOG.findFieldByName("request"));
    Message spec = (Message) request.getField(PredictionLogs.PREDICT_REQUEST.findFieldByName("model_spec"));
    String signature = (String) spec.getField(PredictionLogs.MODEL_SPEC.findFieldByName("signature_name"));
    Map<String, HostTensor> inputs = new LinkedHashMap<>();
    var inputsField = PredictionLogs.PREDICT_REQUEST.findFieldByName("inputs");
    for (int i = 0; i < request.getRepeatedFieldCount(inputsField); i++) {
      Message entry = (Message) request.getRepeatedField(inputsField, i);
      var descriptor = entry.getDescriptorForType();
      String name = (String) entry.getField(descriptor.findFieldByName("key"));
      Message value = (Message) entry.getField(descriptor.findFieldByName("value"));
      inputs.put(name, HostTensorProtos.fromProto(TensorProto.parseFrom(value.toByteString())));
    }
    return Optional.of(new Request(signature, inputs));
  }

  private static DynamicMessage predictionLog(String modelName, Request request) {
    DynamicMessage spec = DynamicMessage.newBuilder(PredictionLogs.MODEL_SPEC)
        .setField(PredictionLogs.MODEL_SPEC.findFieldByName("name"), modelName)
        .setField(PredictionLogs.MODEL_SPEC.findFieldByName("signature_name"), request.signatureName())
        .build();
    DynamicMessage.Builder predict = DynamicMessage.newBuilder(PredictionLogs.PREDICT_REQUEST)
        .setField(PredictionLogs.PREDICT_REQUEST.findFieldByName("model_spec"), spec);
    var inputsField = PredictionLogs.PREDICT_REQUEST.findFieldByName("inputs");
    var entryType = inputsField.getMessageType();
    request.inputs().forEach((name, tensor) -> predict.addRepeatedField(inputsField,
        DynamicMessage.newBuilder(entryType)
            .setField(entryType.findFieldByName("key"), name)
            .setField(entryType.findFieldByName("value"), HostTensorProtos.toProto(tensor))
            .build()));
    DynamicMessage log = DynamicMessage.newBuilder(PredictionLogs.PREDICT_LOG)
        .setField(PredictionLogs.PREDICT_LOG.findFieldByName("request"), predict.build())
        .build();
    return DynamicMessage.newBuilder(PredictionLogs.PREDICTION_LOG)
        .setField(PredictionLogs.PREDICTION_LOG.findFieldByName("predict_log"), log)
        .build();
  }
}
