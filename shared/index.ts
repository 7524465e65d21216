/** The simulation's public surface, for the game server, the client and tests. */

export { applyHostIntent } from "./actions";
export * from "./api";
export { againstAutopilot, competitionWinner, TOO_CLOSE_TO_CALL } from "./competition";
export * from "./constants";
export { aheadOnEverySeed, type CrossoverPoint, measureCrossover, withUsers } from "./crossover";
export { CLEARLY_BETTER, debrief, FELL_BELOW, type Lesson } from "./debrief";
export {
  EVENT_CODES,
  type EventCode,
  type EventParams,
  type EventView,
  effectWords,
  eventWords,
  failureWords,
  type GameEvent,
  gameEvent,
  isEventCode,
  loggedWords,
  plural,
  readEventView,
  teamName,
} from "./events";
export {
  canHit,
  DEFAULT_DURATION,
  DEFAULT_MAGNITUDE,
  DEFAULT_TARGET,
  hasRole,
} from "./failures";
export { stateHash } from "./hash";
export { askedServer } from "./hub";
export type { HostIntent, Intent, IntentResult, NodeIntent } from "./intents";
export {
  coinsLeft,
  hostIntentSchema,
  intentSchema,
  isSeat,
  nodeIntentSchema,
  updatesCovered,
  validateIntent,
  worldOf,
} from "./intents";
export {
  type JoinCheck,
  joinOptionsRefusal,
  readRefusalText,
  refusalText,
  soloOptionsRefusal,
} from "./join-refusals";
export { checkLesson, type LessonCheck, type LessonRun, measureOf, runLesson } from "./lessons";
export {
  hintsFor,
  type LevelInfo,
  type LevelOutcome,
  type LevelScenario,
  levelOutcome,
  levelPlay,
  passed,
  STAR_PARTS,
  type StarPart,
  type Stars,
  starsFor,
  totalStars,
} from "./levels";
export { findLevel, isUnlocked, LEVELS } from "./levels/catalog";
export { buildWorld } from "./map";
export { layoutOf, MAP_HEIGHT, MAP_WIDTH } from "./map-layout";
export { applyNow, createMatch, runMatch, stepMatch, submitIntent, teamsOf } from "./match";
export { isOffensive, isReservedName, nicknameSkeleton } from "./nickname";
export {
  autopilotWorth,
  decidingPlayers,
  decisionPoints,
  earnsPoints,
  isDecision,
  POINTS_PER_TEAM_POINT,
  pointsFor,
  pointsOf,
  replayWithout,
  stepWithout,
  type Without,
} from "./points";
export {
  clearTransits,
  crossingsOf,
  initTeams,
  type Names,
  newProjection,
  type Projection,
  projectMatch,
} from "./projection";
export * from "./protocol";
export { createRng, hashString } from "./random";
export {
  brokenRule,
  isRefusalCode,
  issueWords,
  REFUSAL_CODES,
  type Refusal,
  type RefusalCode,
  type RefusalParams,
  refusal,
  refusalWords,
} from "./refusals";
export {
  HASH_EVERY_TICKS,
  HASH_TICK_OFFSET,
  hashDue,
  matchRecordSchema,
  type Replay,
  recordedIntentSchema,
  replayMatch,
  settleReplay,
  startReplay,
  stepReplay,
  type TickHash,
  tickHashesSchema,
} from "./replay";
export {
  type DecisionMoment,
  type FailureMoment,
  failureMoments,
  lessonAt,
  playerDecisions,
} from "./replay-moments";
export { ReplayPlayer } from "./replay-player";
export type { MatchResult, PlayerResult, TeamResult } from "./results";
export { computePar, matchResult, parMatch, parOf, playerResults, teamResult } from "./results";
export * from "./scenario";
export { FAILURE_KINDS } from "./scenario";
export { BUILT_IN_SCENARIOS, DEFAULT_SCENARIO } from "./scenarios/builtins";
export {
  coinsSpent,
  goodputOf,
  type Par,
  roleOf,
  type Scores,
  scoreTeam,
} from "./scoring";
export { assignSeat, holderOf, pickSeat, type Seat, seatOf } from "./seats";
export { isDown } from "./transport";
export { autopilotTwin, LIVE_STANDING_NODES, LiveStanding } from "./twin";
export * from "./types";
export {
  type FailureView,
  type LinkView,
  type MatchMode,
  type MatchPhase,
  type MatchView,
  type NetworkView,
  type NodeView,
  PLAIN_VIEWS,
  type PlayerView,
  type PrivateView,
  plainNetworkView,
  type RouteView,
  type SavedStatus,
  type TeamView,
  type UpcomingView,
  type ViewFactory,
  type ViewMap,
} from "./view";
export {
  INTRUDER_ID_PREFIX,
  isIntruder,
  isSeatKind,
  patchRefusal,
  restoreRefusal,
  swarmUpkeepPerMinute,
  updateRefusal,
  updatesAll,
  updatesCoveredView,
  upgradeRefusal,
  upkeepSavedByLeaving,
  waitedSeconds,
} from "./view-rules";
