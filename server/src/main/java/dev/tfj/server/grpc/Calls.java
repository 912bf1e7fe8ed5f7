package dev.tfj.server.grpc;

import dev.tfj.inference.ImageFeedException;
import dev.tfj.inference.InvalidInputException;
import dev.tfj.inference.UnavailableException;
import dev.tfj.server.registry.ModelNotFoundException;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers unary calls, and is the one place exceptions become gRPC statuses, with the codes TF Serving and
 * KServe use: NOT_FOUND for an unknown model, version or label, INVALID_ARGUMENT for a bad request,
 * UNAVAILABLE while a version loads or unloads, INTERNAL for our own faults.
 */
final class Calls {

  private static final Logger LOG = LoggerFactory.getLogger(Calls.class);

  private Calls() {}

  /** Computes the answer unless the call's deadline has already passed, and sends it or the error. */
  static <T> void answer(StreamObserver<T> observer, Supplier<T> body) {
    T response;
    try {
      checkDeadline();
      response = body.get();
    } catch (RuntimeException e) {
      observer.onError(status(e).asRuntimeException());
      return;
    }
    observer.onNext(response);
    observer.onCompleted();
  }

  /** Throws DEADLINE_EXCEEDED (or CANCELLED) when the client has given up, so the model is not run for nobody. */
  static void checkDeadline() {
    Context context = Context.current();
    if (context.isCancelled()) {
      boolean expired = context.getDeadline() != null && context.getDeadline().isExpired();
      throw (expired ? Status.DEADLINE_EXCEEDED.withDescription("the call's deadline passed before the model ran")
          : Status.CANCELLED.withDescription("the client cancelled the call")).asRuntimeException();
    }
  }

  /** The status for an exception, its message as the description. */
  static Status status(Throwable e) {
    if (e instanceof StatusRuntimeException s) {
      return s.getStatus();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Status status;
    if (e instanceof ModelNotFoundException) {
      status = Status.NOT_FOUND;
    } else if (e instanceof InvalidInputException || e instanceof ImageFeedException) {
      status = Status.INVALID_ARGUMENT;
    } else if (e instanceof UnavailableException) {
      status = Status.UNAVAILABLE;
    } else {
      LOG.error("gRPC call failed", e);
      return Status.INTERNAL.withDescription("internal error: " + message).withCause(e);
    }
    LOG.debug("gRPC call: {} {}", status.getCode(), message);
    return status.withDescription(message);
  }
}
