package dev.tfj.trainer.model;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * LeNet-5 with batch normalisation after each convolution (which then needs no bias) and dropout before
 * the fully connected layers; trained with L2 weight decay by default.
 */
public final class RegularizedLeNet5 implements Architecture {

  public static final String NAME = "lenet5-reg";
  public static final double DROPOUT_DEFAULT = 0.2;
  public static final double WEIGHT_DECAY_DEFAULT = 5e-4;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int inputSize() {
    return 32;
  }

  @Override
  public double defaultDropout() {
    return DROPOUT_DEFAULT;
  }

  @Override
  public double defaultWeightDecay() {
    return WEIGHT_DECAY_DEFAULT;
  }

  @Override
  public boolean usesBatchStatistics() {
    return true;
  }

  @Override
  public boolean convolutional() {
    return true;
  }

  @Override
  public Operand<TFloat32> logits(Layers nn, Operand<TFloat32> images) {
    Operand<TFloat32> x = convBlock(nn, "1", images, 6);
    x = nn.maxPool("pool1", x);
    x = convBlock(nn, "2", x, 16);
    x = nn.maxPool("pool2", x);
    x = convBlock(nn, "3", x, 120);
    x = nn.dropout(nn.flatten("flatten", x));
    x = nn.dropout(nn.relu(nn.dense("fc1", x, 84)));
    return nn.dense("fc2", x, 10);
  }

  private static Operand<TFloat32> convBlock(Layers nn, String n, Operand<TFloat32> x, int filters) {
    return nn.relu(nn.batchNorm("bn" + n, nn.conv2dNoBias("conv" + n, x, filters, 5)));
  }
}
