package dev.tfj.server.http.kserve;

import java.util.List;

/** The Open Inference Protocol's health and server metadata bodies. */
final class HealthJson {

  private HealthJson() {}

  /** {@code GET /v2/health/live}. */
  record Live(boolean live) {}

  /** {@code GET /v2/health/ready}. */
  record Ready(boolean ready) {}

  /** {@code GET /v2/models/{name}/ready}. */
  record ModelReady(String name, boolean ready) {}

  /** {@code GET /v2}. */
  record ServerMetadata(String name, String version, List<String> extensions) {}
}
