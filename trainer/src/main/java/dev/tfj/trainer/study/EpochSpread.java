package dev.tfj.trainer.study;

/** One epoch's figures over a group's runs. */
public record EpochSpread(int epoch, Spread trainLoss, Spread trainAccuracy, Spread testLoss, Spread testAccuracy) {}
