package dev.tfj.bundle;

/** What a training run was configured with. */
public record Hyperparameters(
    int epochs,
    int batchSize,
    String optimizer,
    double learningRate,
    double momentum,
    double weightDecay,
    double dropout,
    long seed) {}
