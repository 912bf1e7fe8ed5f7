package dev.tfj.server.registry;

/**
 * Where a model version is in its life, after TF Serving's {@code ModelVersionStatus.State}, plus
 * {@code ERROR} for a version that failed to load (TF Serving reports that as {@code END} with an error).
 */
public enum ModelState {
  /** Being loaded and warmed up; not serving yet. */
  LOADING,
  /** Serving requests. */
  AVAILABLE,
  /** No longer given new requests; closes once its in-flight requests finish. */
  UNLOADING,
  /** Unloaded. */
  END,
  /** Failed to load; its status says why. */
  ERROR;

  /** The state name on TF Serving's wire, where a failed load is {@code END}. */
  public String tfServingName() {
    return this == ERROR ? END.name() : name();
  }
}
