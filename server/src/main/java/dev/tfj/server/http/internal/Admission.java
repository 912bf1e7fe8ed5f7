package dev.tfj.server.http.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Admits a request to the application only once its whole body has arrived, so a client that sends part
 * of a body and stalls holds a connection and its buffers but no thread; the connector's idle timeout then
 * closes it. Bodies are gathered without blocking (Jetty's content demand), up to {@code maxBodyBytes}
 * plus a little; a larger one is handed on at that point for the application to refuse. A body that stops
 * arriving for the idle timeout is answered 408 and its connection closed. Requests admitted
 * and not yet answered are counted: beyond {@code maxRequests} a request is answered 503, beyond
 * {@code maxPerClient} from one client address 429, each with a JSON error (0: no limit).
 */
public final class Admission extends Handler.Wrapper {

  private final long maxBodyBytes;
  private final int maxRequests;
  private final int maxPerClient;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> perClient = new ConcurrentHashMap<>();

  public Admission(long maxBodyBytes, int maxRequests, int maxPerClient) {
    this.maxBodyBytes = maxBodyBytes;
    this.maxRequests = maxRequests;
    this.maxPerClient = maxPerClient;
  }

  /** Requests admitted and not yet answered. */
  public int inFlight() {
    return inFlight.get();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!hasBody(request)) {
      return admit(request, response, callback);
    }
    new Gatherer(request, response, callback).read(false);
    return true;
  }

  private static boolean hasBody(Request request) {
    long length = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    return length > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
  }

  /** Counts the request in, or answers it 503/429; hands it on to the application. */
  private boolean admit(Request request, Response response, Callback callback) throws Exception {
    String client = maxPerClient > 0 ? Request.getRemoteAddr(request) : null;
    AtomicInteger mine = client == null ? null : perClient.computeIfAbsent(client, k -> new AtomicInteger());
    int all = inFlight.incrementAndGet();
    int own = mine == null ? 0 : mine.incrementAndGet();
    AtomicBoolean counted = new AtomicBoolean(true); // released once, whichever way the request ends
    Runnable done = () -> {
      if (counted.getAndSet(false)) {
        release(client, mine);
      }
    };
    Callback release = Callback.from(callback, done);
    if (maxRequests > 0 && all > maxRequests) {
      return reject(response, release, 503,
          "server busy: " + maxRequests + " requests already in flight; retry later");
    }
    if (mine != null && own > maxPerClient) {
      return reject(response, release, 429,
          "too many requests from " + client + ": at most " + maxPerClient + " in flight per client");
    }
    try {
      if (super.handle(request, response, release)) {
        return true;
      }
    } catch (Exception | Error e) {
      done.run();
      throw e;
    }
    done.run();
    return false;
  }

  private void release(String client, AtomicInteger mine) {
    inFlight.decrementAndGet();
    if (mine != null && mine.decrementAndGet() == 0) {
      perClient.remove(client, mine);
    }
  }

  /** How much of an oversized body is read and dropped before its answer: beyond it, the connection closes. */
  private static final long DISCARD_LIMIT_BYTES = 64L << 20;

  private static boolean reject(Response response, Callback callback, int status, String message) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
    if (status == 503) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
    }
    String body = "{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    Content.Sink.write(response, true, body, callback);
    return true;
  }

  /** Reads a body chunk by chunk as it arrives, keeping the chunks, then admits the request with them. */
  private final class Gatherer implements Invocable.Task {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Deque<Content.Chunk> chunks = new ArrayDeque<>();
    private long size;
    private long discarded;

    Gatherer(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.NON_BLOCKING;
    }

    /** Called by Jetty when more content (or a failure, such as the idle timeout) has arrived. */
    @Override
    public void run() {
      read(true);
    }

    void read(boolean demanded) {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          chunk.release();
          releaseChunks();
          if (chunk.getFailure() instanceof TimeoutException && !response.isCommitted()) {
            // the idle timeout: tell the stalled client why, then close its connection
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            reject(response, callback, 408, "the request body stopped arriving: idle timeout");
          } else {
            callback.failed(chunk.getFailure()); // a broken connection: nothing to answer
          }
          return;
        }
        if (size > maxBodyBytes) {
          // Already too large (the handler will say so): the rest is read and dropped, up to a bound, so the
          // answer is not lost to a connection reset while the client is still sending.
          discarded += chunk.remaining();
          boolean last = chunk.isLast();
          chunk.release();
          if (last || discarded > DISCARD_LIMIT_BYTES) {
            admitLater(demanded);
            return;
          }
          continue;
        }
        chunks.add(chunk);
        size += chunk.remaining();
        if (chunk.isLast()) {
          admitLater(demanded);
          return;
        }
      }
    }

    private void admitLater(boolean demanded) {
      if (demanded) {
        request.getContext().execute(this::admitGathered); // demand callbacks must not block
      } else {
        admitGathered();
      }
    }

    private void admitGathered() {
      Replay replay = new Replay(request, chunks, callback);
      try {
        if (!admit(replay, response, replay)) {
          Response.writeError(request, response, replay, 404);
        }
      } catch (Throwable t) {
        Response.writeError(request, response, replay, t);
      }
    }

    private void releaseChunks() {
      chunks.forEach(Content.Chunk::release);
      chunks.clear();
    }
  }

  /** The request with its gathered chunks read first; releases them when the response completes. */
  private static final class Replay extends Request.Wrapper implements Callback {
    private final Deque<Content.Chunk> chunks;
    private final Callback callback;

    Replay(Request wrapped, Deque<Content.Chunk> chunks, Callback callback) {
      super(wrapped);
      this.chunks = chunks;
      this.callback = callback;
    }

    @Override
    public Content.Chunk read() {
      synchronized (chunks) {
        Content.Chunk next = chunks.pollFirst();
        if (next != null) {
          return next;
        }
      }
      return super.read();
    }

    @Override
    public InvocationType getInvocationType() {
      return callback.getInvocationType();
    }

    @Override
    public void succeeded() {
      release();
      callback.succeeded();
    }

    @Override
    public void failed(Throwable failure) {
      release();
      callback.failed(failure);
    }

    private void release() {
      synchronized (chunks) {
        chunks.forEach(Content.Chunk::release);
        chunks.clear();
      }
    }
  }
}
