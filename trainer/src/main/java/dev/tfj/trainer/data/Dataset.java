package dev.tfj.trainer.data;

import dev.tfj.bundle.DatasetInfo;

/** A loaded data set: training and test images with the provenance that travels into the bundle. */
public record Dataset(String name, ImageSet train, ImageSet test, DatasetInfo info) {}
