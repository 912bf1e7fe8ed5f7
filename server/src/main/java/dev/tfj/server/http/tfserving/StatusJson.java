package dev.tfj.server.http.tfserving;

import dev.tfj.server.registry.VersionStatus;
import java.util.List;

/** TF Serving's {@code GetModelStatusResponse} as JSON. */
record StatusJson(List<VersionJson> modelVersionStatus) {

  /** One {@code ModelVersionStatus}. */
  record VersionJson(String version, String state, ErrorJson status) {}

  /** A {@code StatusProto}: {@code OK} and an empty message unless the version failed. */
  record ErrorJson(String errorCode, String errorMessage) {}

  static StatusJson of(List<VersionStatus> statuses) {
    return new StatusJson(
        statuses.stream()
            .map(s -> new VersionJson(
                Long.toString(s.version()), s.state().tfServingName(), new ErrorJson(s.errorCode(), s.errorMessage())))
            .toList());
  }
}
