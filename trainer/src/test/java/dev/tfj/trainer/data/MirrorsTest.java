package dev.tfj.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MirrorsTest {

  @Test
  void parsesCommaSeparatedListAddingTrailingSlashes() {
    List<URI> mirrors = Mirrors.parse(" https://a.example/mnist , http://b.example/data/,,file:///srv/mnist ");

    assertThat(mirrors).containsExactly(URI.create("https://a.example/mnist/"), URI.create("http://b.example/data/"),
        URI.create("file:///srv/mnist/"));
  }

  @Test
  void treatsPlainPathsAsLocalDirectories() {
    URI mirror = Mirrors.parse("some/relative/dir").get(0);

    assertThat(mirror.getScheme()).isEqualTo("file");
    assertThat(mirror.toString()).endsWith("/");
    assertThat(Path.of(mirror)).isEqualTo(Path.of("some/relative/dir").toAbsolutePath());
  }

  @Test
  void resolvesFileNamesInsideMirrorsWithOrWithoutTrailingSlash() {
    assertThat(Mirrors.resolve(URI.create("https://host/mnist"), "t10k-labels-idx1-ubyte.gz"))
        .isEqualTo(URI.create("https://host/mnist/t10k-labels-idx1-ubyte.gz"));
    assertThat(Mirrors.resolve(URI.create("https://host/mnist/"), "t10k-labels-idx1-ubyte.gz"))
        .isEqualTo(URI.create("https://host/mnist/t10k-labels-idx1-ubyte.gz"));
    assertThat(Mirrors.resolve(URI.create("https://host"), "x.gz")).isEqualTo(URI.create("https://host/x.gz"));
  }

  @Test
  void prefersFlagsThenEnvironmentThenDefaults() {
    assertThat(Mirrors.choose(List.of("https://flag/a", "https://flag/b,https://flag/c"), "https://env/",
        DatasetSpec.MNIST)).containsExactly(URI.create("https://flag/a/"), URI.create("https://flag/b/"),
            URI.create("https://flag/c/"));
    assertThat(Mirrors.choose(List.of(), "https://env/x, https://env/y", DatasetSpec.MNIST))
        .containsExactly(URI.create("https://env/x/"), URI.create("https://env/y/"));
    assertThat(Mirrors.choose(null, "  ", DatasetSpec.MNIST)).isEqualTo(DatasetSpec.MNIST.mirrors());
  }

  @Test
  void rejectsUnsupportedSchemes() {
    assertThatThrownBy(() -> Mirrors.parse("ftp://host/mnist/"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("mirror 'ftp://host/mnist/' must be an http, https or file URL or a local directory");
  }

  @Test
  void rejectsMirrorsWithQueries() {
    assertThatThrownBy(() -> Mirrors.parse("https://host/mnist?sig=abc"))
        .hasMessageContaining("without a query or fragment");
  }
}
