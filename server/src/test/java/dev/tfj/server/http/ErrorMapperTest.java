package dev.tfj.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.inference.ImageFeedException;
import dev.tfj.inference.InvalidInputException;
import dev.tfj.inference.ModelLoadException;
import dev.tfj.inference.UnavailableException;
import dev.tfj.server.registry.ModelNotFoundException;
import io.javalin.http.NotFoundResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The inference library's typed errors and our own get the statuses TF Serving gives them. */
class ErrorMapperTest {

  @Test
  void mapsTypedErrorsToStatuses() {
    assertThat(ErrorMapper.status(new InvalidInputException("bad"))).isEqualTo(400);
    assertThat(ErrorMapper.status(new ImageFeedException(ImageFeedException.Choice.LAYOUT, "bad"))).isEqualTo(400);
    assertThat(ErrorMapper.status(new ModelNotFoundException("gone"))).isEqualTo(404);
    assertThat(ErrorMapper.status(new NotFoundResponse("gone"))).isEqualTo(404);
    assertThat(ErrorMapper.status(new UnavailableException("closed"))).isEqualTo(503);
    assertThat(ErrorMapper.status(new ModelLoadException(Path.of("m/1"), "broken", null))).isEqualTo(500);
    assertThat(ErrorMapper.status(new IllegalStateException("bug"))).isEqualTo(500);
  }
}
