package dev.tfj.inference.warmup;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.WrappersProto;
import org.tensorflow.proto.TensorProtos;

/**
 * The messages of TF Serving's warm-up file, {@code tensorflow.serving.PredictionLog} and what it holds of a
 * predict call, described at run time with protobuf's own descriptors and read and written with its
 * {@code DynamicMessage}. Field numbers and names are TF Serving's ({@code tensorflow_serving/apis/
 * prediction_log.proto}, {@code predict.proto}, {@code model.proto}); the log types tfj does not use
 * (classify, regress, multi-inference, session run) are left out, so a parser skips them as unknown fields.
 */
final class PredictionLogs {

  static final Descriptor MODEL_SPEC;
  static final Descriptor PREDICT_REQUEST;
  static final Descriptor PREDICT_RESPONSE;
  static final Descriptor PREDICT_LOG;
  static final Descriptor LOG_METADATA;
  static final Descriptor PREDICTION_LOG;

  static {
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
        .setName("tfj/tensorflow_serving_prediction_log.proto")
        .setPackage("tensorflow.serving")
        .setSyntax("proto3")
        .addDependency(TensorProtos.getDescriptor().getName())
        .addDependency(WrappersProto.getDescriptor().getName())
        .addMessageType(DescriptorProto.newBuilder().setName("ModelSpec")
            .addField(field("name", 1, Type.TYPE_STRING, null))
            .addField(field("version", 2, Type.TYPE_MESSAGE, ".google.protobuf.Int64Value").setOneofIndex(0))
            .addField(field("version_label", 4, Type.TYPE_STRING, null).setOneofIndex(0))
            .addField(field("signature_name", 3, Type.TYPE_STRING, null))
            .addOneofDecl(OneofDescriptorProto.newBuilder().setName("version_choice")))
        .addMessageType(DescriptorProto.newBuilder().setName("PredictRequest")
            .addField(field("model_spec", 1, Type.TYPE_MESSAGE, ".tensorflow.serving.ModelSpec"))
            .addField(map("inputs", 2, ".tensorflow.serving.PredictRequest.InputsEntry"))
            .addField(field("output_filter", 3, Type.TYPE_STRING, null).setLabel(Label.LABEL_REPEATED))
            .addNestedType(mapEntry("InputsEntry")))
        .addMessageType(DescriptorProto.newBuilder().setName("PredictResponse")
            .addField(map("outputs", 1, ".tensorflow.serving.PredictResponse.OutputsEntry"))
            .addField(field("model_spec", 2, Type.TYPE_MESSAGE, ".tensorflow.serving.ModelSpec"))
            .addNestedType(mapEntry("OutputsEntry")))
        .addMessageType(DescriptorProto.newBuilder().setName("PredictLog")
            .addField(field("request", 1, Type.TYPE_MESSAGE, ".tensorflow.serving.PredictRequest"))
            .addField(field("response", 2, Type.TYPE_MESSAGE, ".tensorflow.serving.PredictResponse")))
        .addMessageType(DescriptorProto.newBuilder().setName("LogMetadata")
            .addField(field("model_spec", 1, Type.TYPE_MESSAGE, ".tensorflow.serving.ModelSpec"))
            .addField(field("saved_model_tags", 3, Type.TYPE_STRING, null).setLabel(Label.LABEL_REPEATED)))
        .addMessageType(DescriptorProto.newBuilder().setName("PredictionLog")
            .addField(field("log_metadata", 1, Type.TYPE_MESSAGE, ".tensorflow.serving.LogMetadata"))
            .addField(field("predict_log", 6, Type.TYPE_MESSAGE, ".tensorflow.serving.PredictLog").setOneofIndex(0))
            .addOneofDecl(OneofDescriptorProto.newBuilder().setName("log_type")))
        .build();
    try {
      Descriptors.FileDescriptor fd = Descriptors.FileDescriptor.buildFrom(
          file, new Descriptors.FileDescriptor[] {TensorProtos.getDescriptor(), WrappersProto.getDescriptor()});
      MODEL_SPEC = fd.findMessageTypeByName("ModelSpec");
      PREDICT_REQUEST = fd.findMessageTypeByName("PredictRequest");
      PREDICT_RESPONSE = fd.findMessageTypeByName("PredictResponse");
      PREDICT_LOG = fd.findMessageTypeByName("PredictLog");
      LOG_METADATA = fd.findMessageTypeByName("LogMetadata");
      PREDICTION_LOG = fd.findMessageTypeByName("PredictionLog");
    } catch (Descriptors.DescriptorValidationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private PredictionLogs() {}

  private static FieldDescriptorProto.Builder field(String name, int number, Type type, String typeName) {
    FieldDescriptorProto.Builder f = FieldDescriptorProto.newBuilder()
        .setName(name).setNumber(number).setType(type).setLabel(Label.LABEL_OPTIONAL).setJsonName(jsonName(name));
    return typeName == null ? f : f.setTypeName(typeName);
  }

  private static FieldDescriptorProto.Builder map(String name, int number, String entryType) {
    return field(name, number, Type.TYPE_MESSAGE, entryType).setLabel(Label.LABEL_REPEATED);
  }

  private static DescriptorProto mapEntry(String name) {
    return DescriptorProto.newBuilder().setName(name)
        .addField(field("key", 1, Type.TYPE_STRING, null))
        .addField(field("value", 2, Type.TYPE_MESSAGE, ".tensorflow.TensorProto"))
        .setOptions(MessageOptions.newBuilder().setMapEntry(true))
        .build();
  }

  private static String jsonName(String name) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }
}
