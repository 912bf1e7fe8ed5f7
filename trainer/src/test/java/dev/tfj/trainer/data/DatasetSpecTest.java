package dev.tfj.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DatasetSpecTest {

  @Test
  void findsKnownDatasetsByNameIgnoringCase() {
    assertThat(DatasetSpec.byName("MNIST")).contains(DatasetSpec.MNIST);
    assertThat(DatasetSpec.byName("fashion-mnist")).contains(DatasetSpec.FASHION_MNIST);
    assertThat(DatasetSpec.byName("cifar10")).isEmpty();
  }

  @Test
  void mnistChecksumsMatchTheSharedCopysSha256Sums() throws IOException {
    List<String> lines = Files.readAllLines(TestData.mnist().resolve("SHA256SUMS"));
    Map<String, String> published = lines.stream().map(line -> line.trim().split("\\s+"))
        .collect(Collectors.toMap(parts -> parts[1], parts -> parts[0]));

    assertThat(DatasetSpec.MNIST.sha256()).isEqualTo(published);
  }

  @Test
  void everyKnownDatasetListsTheFourIdxFilesMirrorsAndWellFormedSums() {
    for (DatasetSpec spec : DatasetSpec.known()) {
      assertThat(spec.files()).containsExactlyElementsOf(DatasetSpec.IDX_FILES);
      assertThat(spec.mirrors()).isNotEmpty().allSatisfy(uri -> assertThat(uri.toString()).endsWith("/"));
      assertThat(spec.sha256().values()).allSatisfy(sum -> assertThat(sum).matches("[0-9a-f]{64}"));
    }
    assertThat(DatasetSpec.MNIST.mirrors().get(0).toString())
        .isEqualTo("https://ossci-datasets.s3.amazonaws.com/mnist/");
  }

  @Test
  void rejectsChecksumsForFilesNotListed() {
    assertThatThrownBy(() -> new DatasetSpec("x", List.of("a.gz"), List.of(), Map.of("b.gz", "00")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
