/** The address the projector shows students: the server's own, never the teacher's localhost. */
import type { NetworkInterfaceInfo } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinAddress, lanAddress } from "../../game-server/src/http/join-address";
import { boot, type Harness } from "./harness";

const nic = (address: string, internal = false) =>
  ({ address, family: "IPv4", internal, netmask: "", mac: "", cidr: null }) as NetworkInterfaceInfo;

describe("where students join", () => {
  it("prefers a private LAN address over a public or link-local one, and never loopback", () => {
    expect(
      lanAddress({
        lo: [nic("127.0.0.1", true)],
        docker: [nic("169.254.3.4")],
        wan: [nic("203.0.113.9")],
        wifi: [nic("192.168.1.23")],
      }),
    ).toBe("192.168.1.23");
    expect(lanAddress({ lo: [nic("127.0.0.1", true)] })).toBeNull();
  });

  it("is PUBLIC_URL when set, else http://<LAN address>:<port>", () => {
    expect(joinAddress(2567, "https://games.school.example/")).toBe("https://games.school.example");
    expect(joinAddress(2567, undefined, "10.0.0.5")).toBe("http://10.0.0.5:2567");
    expect(joinAddress(80, undefined, "10.0.0.5")).toBe("http://10.0.0.5");
    expect(joinAddress(2567, undefined, null)).toBeNull();
  });

  describe("GET /api/address", () => {
    let h: Harness;
    beforeAll(async () => {
      h = await boot("memory://", 100, { publicUrl: "https://hubswarm.school.example" });
    });
    afterAll(async () => {
      await h.server.close();
    });
    it("answers the address the server was told", async () => {
      expect((await h.get("/api/address")).json).toEqual({ url: "https://hubswarm.school.example" });
    });
  });
});
