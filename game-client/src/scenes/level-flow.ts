/** Starting a level: join its solo room, start the round at once, and go to the game. */
import type { Scene } from "phaser";
import { session } from "../net/app";

/** Resolves once the game scene is starting; throws the server's words when the room cannot be made. */
export async function startLevel(scene: Scene, id: string, pick?: "hub" | "swarm"): Promise<void> {
  await session.playLevel(id, pick, localStorage.getItem("nickname") ?? undefined);
  await new Promise<void>((resolve) => {
    let asked = false;
    const off = session.on("patch", () => {
      const state = session.state;
      if (!state) return;
      // The learner is their own host: no lobby to wait in, the round starts with the intro read.
      if (state.phase === "lobby" && !asked) {
        asked = true;
        session.sendHost({ type: "start" });
      }
      if (state.phase === "playing") {
        off();
        resolve();
      }
    });
  });
  scene.scene.start("GameScene");
}
