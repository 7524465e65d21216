/** The page's entry (index.html): starts the game. Everything it runs lives in game.ts. */
import { startGame } from "./game";

startGame();
