package dev.tfj.server.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * At most {@code max} connections open at once on a connector. A connection beyond the limit is still
 * accepted, answered at once with one {@code 503} and a JSON error ({@code Retry-After: 1},
 * {@code Connection: close}) and closed, so its client learns why rather than waiting unanswered in the
 * kernel's listen backlog. The refusal holds no thread: the answer is a few hundred bytes written without
 * blocking; then the output is shut and whatever the client still sends (its request) is read and dropped
 * until it closes, or for at most {@link #LINGER_MILLIS} of silence, so the answer is not lost to a reset.
 * Refused connections are not counted; connections under the limit are served as before.
 *
 * <p>Counted per network connection as Jetty's own {@code NetworkConnectionLimit} counts them (accepted
 * channels, so a protocol upgrade does not count twice); unlike it, this one keeps accepting.
 */
public final class ConnectionLimit implements SelectorManager.AcceptListener {

  /** How long a refused connection is kept, after its answer, while the client sends nothing. */
  static final long LINGER_MILLIS = 2_000;
  private static final String PROTOCOL = "tfj-connection-limit";

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final Set<SelectableChannel> refused = ConcurrentHashMap.newKeySet();
  private final byte[] answer;

  public ConnectionLimit(int max) {
    if (max <= 0) {
      throw new IllegalArgumentException("the connection limit must be positive, got " + max);
    }
    this.max = max;
    String body = "{\"error\":\"server busy: " + max
        + " connections already open; retry later, or send more requests on an open keep-alive connection\"}";
    byte[] json = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 503 Service Unavailable\r\n"
        + "Content-Type: " + Json.CONTENT_TYPE + "\r\n"
        + "Content-Length: " + json.length + "\r\n"
        + "Retry-After: 1\r\n"
        + "Connection: close\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    answer = new byte[headBytes.length + json.length];
    System.arraycopy(headBytes, 0, answer, 0, headBytes.length);
    System.arraycopy(json, 0, answer, headBytes.length, json.length);
  }

  /**
   * Puts the limit on a connector that has not started: counts its accepted connections and puts a factory
   * that answers those beyond the limit in front of its default one (which still makes every other connection).
   */
  public void install(AbstractConnector connector) {
    if (connector.getConnectionFactory(PROTOCOL) != null) {
      return; // already installed (a restarted server)
    }
    ConnectionFactory served = connector.getDefaultConnectionFactory();
    connector.addBean(this);
    connector.addConnectionFactory(new Factory(served));
    connector.setDefaultProtocol(PROTOCOL);
  }

  /** Connections open and counted. */
  public int open() {
    return open.get();
  }

  @Override
  public void onAccepting(SelectableChannel channel) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      refused.add(channel);
    }
  }

  @Override
  public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
    release(channel);
  }

  @Override
  public void onClosed(SelectableChannel channel) {
    release(channel);
  }

  private void release(SelectableChannel channel) {
    if (!refused.remove(channel)) {
      open.decrementAndGet();
    }
  }

  private boolean isRefused(EndPoint endPoint) {
    return endPoint.getTransport() instanceof SelectableChannel c && refused.contains(c);
  }

  /** Makes the default factory's connection, or a {@link Refusal} for a connection beyond the limit. */
  private final class Factory implements ConnectionFactory {
    private final ConnectionFactory served;

    Factory(ConnectionFactory served) {
      this.served = served;
    }

    @Override
    public String getProtocol() {
      return PROTOCOL;
    }

    @Override
    public List<String> getProtocols() {
      return List.of(PROTOCOL);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
      if (isRefused(endPoint)) {
        return new Refusal(endPoint, connector);
      }
      return served.newConnection(connector, endPoint);
    }
  }

  /** Writes the 503, shuts the output, then reads and drops input until the client closes or goes quiet. */
  private final class Refusal extends AbstractConnection.NonBlocking implements Callback {
    private final ByteBuffer dropped = BufferUtil.allocate(1024);

    Refusal(EndPoint endPoint, Connector connector) {
      super(endPoint, connector.getExecutor());
    }

    @Override
    public void onOpen() {
      super.onOpen();
      getEndPoint().setIdleTimeout(Math.min(LINGER_MILLIS, Math.max(1, getEndPoint().getIdleTimeout())));
      getEndPoint().write(this, ByteBuffer.wrap(answer));
    }

    /** The answer is written. */
    @Override
    public void succeeded() {
      getEndPoint().shutdownOutput();
      fillInterested();
    }

    @Override
    public void failed(Throwable x) {
      close();
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.NON_BLOCKING;
    }

    @Override
    public void onFillable() {
      try {
        while (true) {
          BufferUtil.clear(dropped);
          int n = getEndPoint().fill(dropped);
          if (n < 0) {
            close();
            return;
          }
          if (n == 0) {
            fillInterested();
            return;
          }
        }
      } catch (IOException e) {
        close();
      }
    }
  }
}
