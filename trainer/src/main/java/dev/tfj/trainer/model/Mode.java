package dev.tfj.trainer.model;

/** Whether a graph is built to be trained (batch statistics, dropout) or to predict (moving averages, no dropout). */
public enum Mode {
  TRAIN,
  INFERENCE
}
