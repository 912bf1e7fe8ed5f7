package dev.tfj.server.protocol;

import dev.tfj.inference.InvalidInputException;
import dev.tfj.inference.SignatureSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The outputs a request asks for (TF Serving's {@code output_filter}, KServe's {@code outputs}). */
public final class Outputs {

  private Outputs() {}

  /** The names asked for, in order, or every output of the signature when none are; unknown names are errors. */
  public static List<String> select(SignatureSpec sig, Collection<String> wanted) {
    if (wanted.isEmpty()) {
      return List.copyOf(sig.outputs().keySet());
    }
    List<String> names = new ArrayList<>(wanted.size());
    for (String name : wanted) {
      if (!sig.outputs().containsKey(name)) {
        throw new InvalidInputException(
            "unknown output '" + name + "' for signature '" + sig.key() + "'; its outputs are " + sig.outputs().keySet());
      }
      if (names.contains(name)) {
        throw new InvalidInputException("output '" + name + "' is asked for twice");
      }
      names.add(name);
    }
    return names;
  }
}
