package dev.tfj.bundle;

/** What a training run was configured with. */
public record Hyperparameters(
    int epochs,
    int batchSize,
    String optimizer,
    double learningRate,
    String learningRateSchedule,
    double momentum,
    double weightDecay,
    double dropout,
    long seed) {}
