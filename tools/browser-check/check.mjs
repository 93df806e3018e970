// Plays a song through its signed stream URL in a real browser: headless Debian chromium driven by
// playwright-core (never a downloaded browser). Uploads a generated 120-second WAV as the seeded admin,
// asks for the song's signed URL, loads a page holding <audio src=signed URL>, plays it, seeks to the
// middle and to the end, and checks that playback advanced each time and that the server answered the
// seeks with 206 Partial Content from the seeked-to offsets.
//
// The page is served on the API's own origin (MUSICPLAYER_URL/browser-check/player.html, answered by
// Playwright's request routing, never by the API): chromium's local-network rules would block a page on
// another origin (about:blank) from fetching 127.0.0.1, and same-origin needs no flag for that.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";

const base = process.env.MUSICPLAYER_URL ?? "http://127.0.0.1:5181";
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const seconds = 120;

/** A 44.1 kHz 16-bit stereo WAV of a 440 Hz tone (a real, decodable file), `seconds` long. */
function wav(seconds) {
  const rate = 44100, channels = 2, frames = rate * seconds, data = frames * channels * 2;
  const buffer = Buffer.alloc(44 + data);
  buffer.write("RIFF", 0); buffer.writeUInt32LE(36 + data, 4); buffer.write("WAVEfmt ", 8);
  buffer.writeUInt32LE(16, 16); buffer.writeUInt16LE(1, 20); buffer.writeUInt16LE(channels, 22);
  buffer.writeUInt32LE(rate, 24); buffer.writeUInt32LE(rate * channels * 2, 28); buffer.writeUInt16LE(channels * 2, 32);
  buffer.writeUInt16LE(16, 34); buffer.write("data", 36); buffer.writeUInt32LE(data, 40);
  const phase = Math.random() * Math.PI; // distinct bytes each run: a new song, never an existing one
  for (let i = 0; i < frames; i++) {
    const sample = Math.round(Math.sin(phase + (2 * Math.PI * 440 * i) / rate) * 8000);
    buffer.writeInt16LE(sample, 44 + i * 4);
    buffer.writeInt16LE(sample, 46 + i * 4);
  }
  return buffer;
}

async function api(path, init = {}) {
  const response = await fetch(base + path, init);
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const login = await api("/api/v1/auth/login", {
  method: "POST", headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ email: "admin@musicplayer.local", password: "admin-password-1" }),
});
const auth = { Authorization: `Bearer ${login.accessToken}` };
const form = new FormData();
form.append("file", new Blob([wav(seconds)], { type: "application/octet-stream" }), "browser-check.wav");
const song = await api("/api/v1/uploads", { method: "POST", headers: auth, body: form });
const { url } = await api(`/api/v1/songs/${song.id}/stream-url`, { headers: auth });
const signed = new URL(url);
assert.ok(signed.searchParams.get("sig"), "the stream URL carries a signature");
console.log(`song ${song.id}: ${signed.pathname}${signed.search.replace(/sig=[^&]+/, "sig=…")}`);

const profile = mkdtempSync(join(tmpdir(), "musicplayer-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
  ],
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const streamed = [];
  page.on("response", async (response) => {
    if (!response.url().includes(`/api/v1/songs/${song.id}/stream`)) return;
    const headers = await response.allHeaders();
    streamed.push({ status: response.status(), range: response.request().headers()["range"], contentRange: headers["content-range"] });
  });
  const playerUrl = `${base}/browser-check/player.html`;
  await page.route(playerUrl, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><title>player</title><audio id="player" preload="metadata" src="${signed.pathname}${signed.search}"></audio>`,
  }));
  await page.goto(playerUrl);

  /** Plays from `at` (seconds; null: from where it is) until it has advanced by `advance` or ended; answers where it got to. */
  const playFrom = (at, advance) => page.evaluate(async ([at, advance]) => {
    const audio = document.getElementById("player");
    const event = (name) => new Promise((resolve, reject) => {
      audio.addEventListener(name, resolve, { once: true });
      audio.addEventListener("error", () => reject(new Error(`media error ${audio.error?.code}: ${audio.error?.message}`)), { once: true });
    });
    if (audio.readyState < 1) await event("loadedmetadata");
    if (at !== null) {
      const seeked = event("seeked");
      audio.currentTime = at;
      await seeked;
    }
    const from = audio.currentTime;
    await audio.play();
    const deadline = Date.now() + 20000;
    while (!audio.ended && audio.currentTime < from + advance) {
      if (Date.now() > deadline) throw new Error(`playback stuck at ${audio.currentTime} (from ${from})`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return { from, to: audio.currentTime, ended: audio.ended, duration: audio.duration };
  }, [at, advance]);

  const start = await playFrom(null, 0.5);
  assert.ok(Math.abs(start.duration - seconds) < 0.5, `the browser reads the duration (${start.duration})`);
  assert.ok(start.to >= start.from + 0.5, `playback advanced from the start: ${JSON.stringify(start)}`);

  const beforeMiddle = streamed.length;
  const middle = await playFrom(seconds / 2, 0.5);
  assert.ok(middle.from >= seconds / 2 - 0.1 && middle.to >= middle.from + 0.5, `playback advanced from the middle: ${JSON.stringify(middle)}`);
  const middleSeek = streamed.slice(beforeMiddle);

  const beforeEnd = streamed.length;
  const end = await playFrom(seconds - 1, 5);
  assert.ok(end.ended, `playback reached the end: ${JSON.stringify(end)}`);
  const endSeek = streamed.slice(beforeEnd);

  const middleOffset = (44 + (seconds / 2) * 44100 * 4) * 0.9;
  for (const [name, responses, minimum] of [["middle", middleSeek, middleOffset], ["end", endSeek, middleOffset * 2 * 0.95]]) {
    const partial = responses.filter((r) => r.status === 206 && Number(/^bytes (\d+)-/.exec(r.contentRange ?? "")?.[1]) >= minimum);
    assert.ok(partial.length > 0, `the seek to the ${name} was answered with a 206 from past byte ${Math.round(minimum)}: ${JSON.stringify(responses)}`);
  }
  assert.ok(streamed.every((r) => r.status === 200 || r.status === 206), `every stream response was 200 or 206: ${JSON.stringify(streamed)}`);
  console.log(`browser check passed: ${streamed.length} stream responses, ${streamed.filter((r) => r.status === 206).length} of them 206`);
  for (const r of streamed) console.log(`  ${r.status} Range: ${r.range} -> ${r.contentRange}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
