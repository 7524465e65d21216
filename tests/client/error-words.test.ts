/** The words a student sees for a refused decision are made on the screen, from its code. */
import { describe, expect, it } from "vitest";
import {
  closeWords,
  errorWords,
  joinErrorWords,
  roomErrorWords,
} from "../../game-client/src/net/error-words";
import { CLOSE, ROOM_ERROR, readRefusalText, refusal, refusalText } from "../../shared/index";

describe("errorWords", () => {
  it("says a refused decision from its code and parameters", () => {
    expect(
      errorWords({ code: "refused", refusal: { code: "not-yours", params: { node: "Router 3" } } }),
    ).toEqual({
      code: "refused",
      message: "you do not hold Router 3",
      refusal: "not-yours",
    });
  });

  it("keeps the refusal's code, so a screen can tell an update already installed from a mistake", () => {
    const e = errorWords({ code: "refused", refusal: refusal("up-to-date", { node: "Client 4" }) });
    expect(e.refusal).toBe("up-to-date");
    expect(e.message).toBe("Client 4 has every update already");
    expect(errorWords({ code: "refused", message: "no code" }).refusal).toBeUndefined();
  });

  it("says a message the room could not read from its code, field and broken rule", () => {
    expect(errorWords({ code: "malformed", refusal: refusal("unreadable-message") }).message).toBe(
      "That message could not be read.",
    );
    expect(
      errorWords({
        code: "malformed",
        refusal: refusal("bad-decision", { field: "team", rule: "invalid_type" }),
      }).message,
    ).toBe("That decision could not be read (team: wrong type or missing).");
    expect(
      errorWords({
        code: "malformed",
        refusal: refusal("bad-host-action", { field: "seconds", rule: "too_big" }),
      }).message,
    ).toBe("That host action could not be read (seconds: too big or too long).");
    expect(errorWords({ code: "malformed", refusal: refusal("bad-ping") }).message).toBe(
      "A ping needs { t: number }.",
    );
    expect(
      errorWords({ code: "unknown-type", refusal: refusal("unknown-message-type", { type: '"dance"' }) })
        .message,
    ).toBe('Unknown message type "dance".');
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

describe("joinErrorWords", () => {
  it("says a refused join from the code packed in the error's text", () => {
    const noClass = new Error(refusalText(refusal("no-class", { code: "ZZZZZ" })));
    expect(joinErrorWords(noClass)).toBe("No class with code ZZZZZ. Check the code on the big screen.");
    const taken = new Error(refusalText(refusal("nickname-taken", { nickname: "Ann" })));
    expect(joinErrorWords(taken)).toBe('"Ann" is taken in this class: choose another nickname.');
    // The server's own limits on a network's joins, as the matchmaking guard sends them.
    const flood = new Error(refusalText(refusal("too-many-wrong-codes")));
    expect(joinErrorWords(flood)).toBe(
      "Too many wrong codes or names from your network: wait a minute and try again.",
    );
  });

  it("rewords the SDK's own errors and keeps any other words", () => {
    expect(joinErrorWords(new Error('room "ABCDE" not found'))).toMatch(/no longer exists/);
    expect(joinErrorWords(new Error("socket hang up"))).toMatch(/did not answer/);
    expect(joinErrorWords(new Error("Not a matchmaking call."))).toBe("Not a matchmaking call.");
    expect(joinErrorWords(new Error(""))).toBe("Could not connect to the game server.");
  });
});

describe("a refusal in a text field", () => {
  it("reads back what was packed, and nothing else", () => {
    const r = refusal("nickname-too-long", { max: 16 });
    expect(readRefusalText(refusalText(r))).toEqual(r);
    expect(readRefusalText("No class with code ZZZZZ.")).toBeNull();
    expect(readRefusalText('{"refusal":{"code":"constructor","params":{}}}')).toBeNull();
    expect(readRefusalText('{"refusal":')).toBeNull();
    // Parameters are names and numbers: anything else is dropped.
    expect(readRefusalText('{"refusal":{"code":"no-class","params":{"code":"AB","x":{"y":1}}}}')).toEqual({
      code: "no-class",
      params: { code: "AB" },
    });
  });
});

describe("closeWords", () => {
  it("says a close on purpose from its code, and leaves a drop to reconnect from", () => {
    expect(closeWords(CLOSE.kicked)).toBe("You were removed from this class by the host.");
    expect(closeWords(CLOSE.serverShutdown)).toMatch(/restarting.*results so far are saved/);
    expect(closeWords(4000)).toMatch(/class is over/);
    expect(closeWords(1006)).toBeNull();
  });

  it("says why a room stopped from the room-error code", () => {
    expect(roomErrorWords({ code: ROOM_ERROR.roundStopped })).toMatch(/stopped this round/);
  });
});
