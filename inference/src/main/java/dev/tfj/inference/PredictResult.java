package dev.tfj.inference;

import java.util.Map;

/** The outputs of one signature call by name, in the signature's order. */
public record PredictResult(SignatureSpec signature, Map<String, HostTensor> outputs) {}
