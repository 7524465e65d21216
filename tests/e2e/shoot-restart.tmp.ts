import { launch } from "./browser";

const w = await launch();
try {
  const host = await w.open("host", { width: 1920, height: 1080 });
  await host.click("#host");
  await host.waitForSelector("#host-scenario option[value='server-crash']", { state: "attached" });
  await host.selectOption("#host-scenario", "server-crash");
  await host.click("#host-go");
  await host.waitForSelector("#join-code");
  const code = ((await host.textContent("#join-code")) ?? "").trim();
  const s = await w.open("Amira", { width: 1366, height: 768 });
  await s.click("#join");
  await s.fill("#code", code);
  await s.fill("#nickname", "Amira");
  await s.click("#join-go");
  await s.waitForFunction(() => (document.querySelector("#lobby-seat")?.textContent ?? "").length > 10);
  await host.click("#start");
  await s.waitForSelector("#controls");
  await s.waitForSelector("#restart:not([hidden])", { timeout: 120_000 });
  await s.waitForTimeout(1500);
  await w.shot(s, "50-restart-chromebook");
  await s.click("#restart");
  await s.waitForSelector("#restart[hidden]", { state: "attached", timeout: 20_000 });
  await s.waitForTimeout(9000);
  await w.shot(s, "51-restarted-chromebook");
  console.log("errors", w.errors);
} finally {
  await w.close();
}
