package dev.tfj.server.http;

import java.time.Duration;

/**
 * What one client, or all of them, may hold of the server: how long a connection may sit without sending
 * a byte before it is closed, how many requests may be in flight (their bodies fully received) before
 * more are answered 503, how many of those one client address may have before it is answered 429, and
 * how many connections may be open at once before a new one is answered 503 and closed. Zero means no
 * limit for the three counts.
 */
public record ClientLimits(Duration idleTimeout, int maxRequests, int maxRequestsPerClient, int maxConnections) {

  /** Closes a connection silent for 30 s, mid-request or between requests (Jetty's own default). */
  public static final Duration IDLE_TIMEOUT_DEFAULT = Duration.ofSeconds(30);
  /** Requests in flight beyond which a request is answered 503 rather than queued for a thread. */
  public static final int MAX_REQUESTS_DEFAULT = 1024;
  /** Connections open at once; one more is accepted, answered 503 with a JSON error and closed. */
  public static final int MAX_CONNECTIONS_DEFAULT = 10_000;

  public ClientLimits {
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("the idle timeout must be positive, got " + idleTimeout);
    }
    if (maxRequests < 0 || maxRequestsPerClient < 0 || maxConnections < 0) {
      throw new IllegalArgumentException("request and connection limits must be >= 0 (0: none)");
    }
  }

  /** 30 s idle timeout, 1,024 requests in flight, no per-client limit, 10,000 connections. */
  public static ClientLimits defaults() {
    return new ClientLimits(IDLE_TIMEOUT_DEFAULT, MAX_REQUESTS_DEFAULT, 0, MAX_CONNECTIONS_DEFAULT);
  }
}
