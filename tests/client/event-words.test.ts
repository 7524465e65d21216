/** The words a class sees on a banner are made on the screen, from the event the server sent. */
import { expect, it } from "vitest";
import { bannerWords } from "../../game-client/src/net/event-words";

it("says a banner's event from its code and parameters", () => {
  expect(
    bannerWords({ team: "hub", tick: 120, event: { code: "crashed", params: { node: "Server 1" } } }),
  ).toBe("Server 1 crashed");
  expect(
    bannerWords({ team: "swarm", tick: 5, event: { code: "power-outage", params: { region: "North" } } }),
  ).toBe("Power outage in the North region");
});

it("says a code this page does not know by its name, never nothing", () => {
  const newer = { team: null, tick: 1, event: { code: "solar-flare", params: {} } };
  expect(bannerWords(newer as never)).toBe("solar-flare");
});
