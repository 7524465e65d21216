/**
 * The browser client: one Phaser game, scenes Boot → Preloader → Menu → … → Game → Results. Nothing
 * runs at import; `startGame` (called by main.ts, the page's entry) makes the session and the game.
 */
import { AUTO, Game, Scale } from "phaser";
import { openSession } from "./net/app";
import type { Session } from "./net/session";
import { pixelDensity } from "./render/display";
import { Boot } from "./scenes/Boot";
import { Editor } from "./scenes/Editor";
import { GameScene } from "./scenes/GameScene";
import { History } from "./scenes/History";
import { Host } from "./scenes/Host";
import { Join } from "./scenes/Join";
import { LevelIntro } from "./scenes/LevelIntro";
import { Levels } from "./scenes/Levels";
import { Lobby } from "./scenes/Lobby";
import { Menu } from "./scenes/Menu";
import { Preloader } from "./scenes/Preloader";
import { Results } from "./scenes/Results";
import { Solo } from "./scenes/Solo";
import { Watch } from "./scenes/Watch";
import { toast } from "./ui/dom";

/** Name of the event `startGame` dispatches on `window` once the game exists (browser tests listen). */
export const STARTED_EVENT = "hub-swarm:started";

export function startGame(parent = "game"): { game: Game; session: Session } {
  const session = openSession();
  const game = new Game({
    type: AUTO,
    parent,
    backgroundColor: "#1d2433",
    // Drawn at device resolution (see pixelDensity): the canvas is density × its CSS size.
    scale: {
      mode: Scale.NONE,
      width: window.innerWidth * pixelDensity(),
      height: window.innerHeight * pixelDensity(),
      zoom: 1 / pixelDensity(),
    },
    scene: [
      Boot,
      Preloader,
      Menu,
      Join,
      Host,
      Solo,
      Levels,
      LevelIntro,
      Lobby,
      GameScene,
      Results,
      Editor,
      History,
      Watch,
    ],
  });

  // A new window size, or a new density (the browser's zoom): the canvas follows, still crisp.
  window.addEventListener("resize", () => {
    const d = pixelDensity();
    if (game.scale.zoom !== 1 / d) game.scale.setZoom(1 / d);
    game.scale.resize(window.innerWidth * d, window.innerHeight * d);
  });

  // Connection trouble is said in plain words on every screen; a lost class returns to the menu.
  session.on("connection", (status, message) => {
    toast(message, status === "reconnected" ? "ok" : status === "reconnecting" ? "info" : "error", 6000);
    if (status === "lost") {
      for (const s of game.scene.getScenes(true)) game.scene.stop(s.scene.key);
      game.scene.start("Menu");
    }
  });

  // Announced, not kept: the game puts nothing on \`window\`; a browser test may listen for it.
  window.dispatchEvent(new CustomEvent(STARTED_EVENT, { detail: { game, session } }));
  return { game, session };
}
