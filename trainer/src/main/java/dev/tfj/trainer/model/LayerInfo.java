package dev.tfj.trainer.model;

import java.util.List;

/** A layer as built: its name, static output shape (-1 for the batch) and trainable parameter count. */
public record LayerInfo(String name, List<Long> outputShape, long parameters) {}
