/** The words a student sees for a refused decision are made on the screen, from its code. */
import { describe, expect, it } from "vitest";
import { errorWords } from "../../game-client/src/net/error-words";

describe("errorWords", () => {
  it("says a refused decision from its code and parameters", () => {
    expect(
      errorWords({ code: "refused", refusal: { code: "not-yours", params: { node: "Router 3" } } }),
    ).toEqual({
      code: "refused",
      message: "you do not hold Router 3",
    });
  });

  it("keeps the server's words for other errors, and never shows an unknown code's", () => {
    expect(errorWords({ code: "phase", message: "the round is not running" }).message).toBe(
      "the round is not running",
    );
    expect(errorWords({ code: "refused", refusal: { code: "constructor", params: {} } }).message).toBe(
      "that was refused",
    );
    expect(errorWords({}).code).toBe("error");
  });
});
