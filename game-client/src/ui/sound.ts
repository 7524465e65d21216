/**
 * Short sounds for what happens in a round, made by the browser (Web Audio: no files to download).
 * Off by default on the teacher's screen (a projector's speakers fill the room) and on for players,
 * each browser remembering its own choice; the top bar has the switch.
 */
const KEY = "hub-swarm:sound";

export type Cue = "decision" | "refused" | "failure" | "done" | "end";

/** Each cue: notes (Hz) played one after another, each `ms` long, in one wave shape. */
const CUES: Record<Cue, { notes: number[]; ms: number; wave: OscillatorType }> = {
  decision: { notes: [660], ms: 70, wave: "sine" },
  refused: { notes: [220, 180], ms: 90, wave: "square" },
  failure: { notes: [440, 330, 220], ms: 130, wave: "sawtooth" },
  done: { notes: [523, 784], ms: 90, wave: "triangle" },
  end: { notes: [523, 659, 784, 1047], ms: 140, wave: "triangle" },
};

let audio: AudioContext | null = null;

/** Whether this browser plays sounds: its saved choice, else on for players and off for the host. */
export function soundOn(host: boolean): boolean {
  const saved = localStorage.getItem(KEY);
  return saved === null ? !host : saved === "on";
}

export function setSound(on: boolean): void {
  localStorage.setItem(KEY, on ? "on" : "off");
}

/** Plays a cue if sound is on (quietly: a room of thirty screens is loud enough). */
export function play(cue: Cue, host: boolean): void {
  if (!soundOn(host) || typeof AudioContext === "undefined") return;
  audio ??= new AudioContext();
  if (audio.state === "suspended") void audio.resume();
  const { notes, ms, wave } = CUES[cue];
  let at = audio.currentTime;
  for (const hz of notes) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = wave;
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0.08, at);
    gain.gain.exponentialRampToValueAtTime(0.001, at + ms / 1000);
    osc.connect(gain).connect(audio.destination);
    osc.start(at);
    osc.stop(at + ms / 1000);
    at += ms / 1000;
  }
}
