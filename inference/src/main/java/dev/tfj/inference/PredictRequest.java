package dev.tfj.inference;

import java.util.Map;

/** Inputs by name for one signature; a null signature name means the model's default signature. */
public record PredictRequest(String signatureName, Map<String, HostTensor> inputs) {

  /** A request for the default signature. */
  public static PredictRequest of(Map<String, HostTensor> inputs) {
    return new PredictRequest(null, inputs);
  }
}
