package dev.tfj.bundle;

import java.util.Map;

/**
 * The data a model was trained on: its name, sizes, and SHA-256 of every file (plus one over all of them).
 */
public record DatasetInfo(
    String name, int trainSize, int testSize, String sha256, Map<String, String> files) {}
