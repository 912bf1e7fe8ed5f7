package dev.tfj.spark;

/**
 * How scored rows are written: Parquet keeps the {@link Predictions} schema (probabilities as one array column);
 * CSV, with a header, spreads them over {@code p0} .. {@code p9}.
 */
public enum OutputFormat { PARQUET, CSV }
