package dev.tfj.trainer.model;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Classic LeNet-5 on a 32×32 input: conv 6@5×5, ReLU, max-pool 2; conv 16@5×5, ReLU, max-pool 2;
 * conv 120@5×5, ReLU; fc 84, ReLU; fc 10. 61,706 trainable parameters.
 */
public final class LeNet5 implements Architecture {

  public static final String NAME = "lenet5";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int inputSize() {
    return 32;
  }

  @Override
  public boolean convolutional() {
    return true;
  }

  @Override
  public Operand<TFloat32> logits(Layers nn, Operand<TFloat32> images) {
    // ReLU after the pooling, not before: the two commute exactly (max of ReLUs = ReLU of the max), and the
    // ReLU and its gradient then touch a quarter of the values.
    Operand<TFloat32> x = nn.relu(nn.conv2dThenMaxPool("conv1", "pool1", images, 6, 5));
    x = nn.relu(nn.maxPool("pool2", nn.conv2d("conv2", x, 16, 5)));
    x = nn.relu(nn.conv2d("conv3", x, 120, 5));
    x = nn.dropout(nn.flatten("flatten", x));
    x = nn.dropout(nn.relu(nn.dense("fc1", x, 84)));
    return nn.dense("fc2", x, 10);
  }
}
