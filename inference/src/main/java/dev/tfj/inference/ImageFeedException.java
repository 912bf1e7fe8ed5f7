package dev.tfj.inference;

/**
 * A model's signature does not say how to feed it images, or a choice made in {@link ImageFeed} does not fit
 * it; {@link #choice()} names which choice, so a front end can say which option to set.
 */
public class ImageFeedException extends InferenceException {

  /** The choice of {@link ImageFeed} that could not be made or was wrong. */
  public enum Choice {
    SIGNATURE,
    INPUT,
    OUTPUT,
    LAYOUT
  }

  private final Choice choice;

  public ImageFeedException(Choice choice, String message) {
    super(message, null);
    this.choice = choice;
  }

  /** Which choice to make or change. */
  public Choice choice() {
    return choice;
  }
}
