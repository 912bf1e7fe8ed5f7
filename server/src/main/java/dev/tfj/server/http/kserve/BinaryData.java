package dev.tfj.server.http.kserve;

import com.google.protobuf.ByteString;
import dev.tfj.inference.InvalidInputException;

/**
 * The binary tensor data extension's request body: a JSON header of {@code Inference-Header-Content-Length}
 * bytes, then the inputs' raw bytes back to back, each input taking the {@code binary_data_size} its JSON
 * names, in the order of the inputs.
 */
final class BinaryData {

  /** The request and response header giving the length of the JSON part. */
  static final String HEADER = "Inference-Header-Content-Length";

  private final byte[] body;
  private final int start;
  private int next;

  private BinaryData(byte[] body, int start) {
    this.body = body;
    this.start = start;
    this.next = start;
  }

  /** No binary part: the whole body is JSON. */
  static BinaryData none(byte[] body) {
    return new BinaryData(body, body.length);
  }

  /** Splits a body at the header's value; a value that is no length within the body is a 400. */
  static BinaryData split(byte[] body, String headerValue) {
    long length;
    try {
      length = Long.parseLong(headerValue.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(HEADER + " must be a byte count, got '" + headerValue + "'");
    }
    if (length < 0 || length > body.length) {
      throw new InvalidInputException(
          HEADER + " is " + length + " but the request body has " + body.length + " bytes");
    }
    return new BinaryData(body, (int) length);
  }

  /** The JSON part. */
  byte[] json() {
    if (start == body.length) {
      return body;
    }
    return java.util.Arrays.copyOf(body, start);
  }

  /** The next input's bytes. */
  ByteString take(String input, long size) {
    if (size < 0 || size > body.length - next) {
      throw new InvalidInputException("input '" + input + "' has binary_data_size " + size + " but "
          + (body.length - next) + " bytes of binary data are left after the JSON header");
    }
    ByteString bytes = ByteString.copyFrom(body, next, (int) size);
    next += (int) size;
    return bytes;
  }

  /** Fails when bytes are left over that no input claimed. */
  void checkAllTaken() {
    if (next != body.length) {
      throw new InvalidInputException((body.length - next) + " bytes of binary data follow the inputs'"
          + " binary_data_size total of " + (next - start) + " bytes");
    }
  }
}
