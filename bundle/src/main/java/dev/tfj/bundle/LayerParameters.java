package dev.tfj.bundle;

import java.util.List;

/** One layer's output shape (batch dimension as -1) and its number of trainable parameters. */
public record LayerParameters(String name, List<Long> outputShape, long parameters) {}
