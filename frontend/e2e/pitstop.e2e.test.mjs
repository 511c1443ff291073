// End-to-end tests of the web app through the gateway, on the real backend and data.
// scripts/e2e-run.sh starts the stack and runs this file with node's test runner.
//
// Environment:
//   PITSTOP_E2E_BASE_URL    the gateway (default http://127.0.0.1:8080)
//   PITSTOP_CHROMIUM_PATH   the browser (default /usr/bin/chromium, Debian's package)
//   PITSTOP_ARTIFACTS_DIR   where screenshots go (default test-artifacts/ in the repository)
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

const BASE_URL = (process.env.PITSTOP_E2E_BASE_URL || "http://127.0.0.1:8080").replace(/\/+$/, "");
const CHROMIUM_PATH = process.env.PITSTOP_CHROMIUM_PATH || "/usr/bin/chromium";
const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const ARTIFACTS = process.env.PITSTOP_ARTIFACTS_DIR || join(REPO, "test-artifacts");
const BASE_HOST = new URL(BASE_URL).host;

const TEST_TIMEOUT_MS = 180_000;
const PLAN_TIMEOUT_MS = 90_000;
const RIDE_LIMIT_MIN = 15;
const MARGIN_MIN = 2;
const START_QUERY = "Toa Payoh MRT";
const DESTINATION_QUERY = "Holland Village MRT";
const SEA_POINT = "1.2200,103.9000";
// A search that returns exactly one suggestion on the real data: Holland Village MRT Station.
const SINGLE_RESULT_QUERY = "Holland Village MRT";
const PLAN_STALE_NOTE = "The form has changed: press Plan trip to update the plan.";
// On the real data, Bishan MRT lies 189 m from the nearest rideable way, so a trip from it starts with a walk.
const BISHAN_MRT = "1.351407,103.848247";
const MARYMOUNT_MRT = "1.348594,103.839568";

let browser;

/** Opens a context whose requests to any host but the gateway never leave the machine. */
async function newContext(options = {}, { helpSeen = true } = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  context.setDefaultTimeout(30_000);
  context.tileRequests = 0;
  context.blockedRequests = [];
  context.cspViolations = [];
  // Chromium reports each resource that the gateway's Content-Security-Policy blocks as a console error.
  context.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) context.cspViolations.push(message.text());
  });
  // The tile host is unreachable here: tiles get a 404 so the test shows the map works without them.
  await context.route("**/maps/tiles/**", (route) => {
    context.tileRequests += 1;
    return route.fulfill({ status: 404, contentType: "text/plain", body: "no tiles in tests" });
  });
  await context.route(
    (url) => url.host !== BASE_HOST && !url.pathname.includes("/maps/tiles/"),
    (route) => {
      context.blockedRequests.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  if (helpSeen) {
    await context.addInitScript(() => window.localStorage.setItem("pitstop.helpSeen", "1"));
  }
  return context;
}

async function screenshot(page, name, fullPage = false) {
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage });
}

/**
 * Types into a place input and picks the first suggestion whose text matches, with the keyboard or the mouse.
 * Returns the input's text after the pick and the text of every suggestion shown.
 */
async function pickPlace(page, label, query, optionPattern, selectWith) {
  const input = page.getByRole("combobox", { name: label });
  await input.click();
  await input.pressSequentially(query, { delay: 40 });
  const listbox = page.getByRole("listbox", { name: `${label} suggestions` });
  await listbox.waitFor({ state: "visible" });
  const options = listbox.getByRole("option");
  const texts = await options.allTextContents();
  for (const text of texts) assert.doesNotMatch(text, /lta-[0-9a-f]|_RACKS/, `a ${label} suggestion shows an internal value: ${text}`);
  const index = texts.findIndex((text) => optionPattern.test(text));
  assert.ok(index >= 0, `no ${label} suggestion matches ${optionPattern} for "${query}"; got: ${texts.join(" | ")}`);

  if (selectWith === "keyboard") {
    for (let step = 0; step <= index; step += 1) await input.press("ArrowDown");
    assert.equal(await input.getAttribute("aria-activedescendant"), await options.nth(index).getAttribute("id"));
    await input.press("Enter");
  } else {
    await options.nth(index).click();
  }
  await listbox.waitFor({ state: "hidden" });
  return { name: await input.inputValue(), optionTexts: texts };
}

/** Waits until the panel lists the rides and the map, which loads Leaflet on its own, has drawn the markers. */
async function waitForPlan(page) {
  await page.getByRole("list", { name: "Rides" }).waitFor({ state: "visible", timeout: PLAN_TIMEOUT_MS });
  await page.getByRole("button", { name: "Plan trip" }).waitFor({ state: "visible", timeout: PLAN_TIMEOUT_MS });
  await page.locator(".map-marker--destination").waitFor({ state: "visible", timeout: PLAN_TIMEOUT_MS });
}

/** Reads what the plan panel and the map show, to compare two loads of the same plan. */
async function readPlan(page) {
  const summary = await page.locator(".plan__summary").innerText();
  const rides = await page.locator(".ride-list > li").evaluateAll((items) =>
    items.map((item) => item.querySelector(".ride__time").textContent + " | " + item.querySelector(".ride__end").textContent),
  );
  const stopLabels = await page.locator(".map-marker--stop").allInnerTexts();
  const pitStops = Number(await page.locator(".plan__summary div", { hasText: "Pit stops" }).locator("dd").innerText());
  return { summary, rides, stopLabels, pitStops };
}

/**
 * Clicks a grey route line on the map like a rider would: at the first point along the line where the
 * line itself, and not the chosen route or a marker above it, is the topmost element.
 */
async function clickOtherRouteLine(page, index) {
  const point = await page.locator("path.map-alternative").nth(index).evaluate((path) => {
    const length = path.getTotalLength();
    const matrix = path.getScreenCTM();
    for (let step = 1; step < 100; step += 1) {
      const local = path.getPointAtLength((length * step) / 100);
      const x = matrix.a * local.x + matrix.c * local.y + matrix.e;
      const y = matrix.b * local.x + matrix.d * local.y + matrix.f;
      if (document.elementFromPoint(x, y) === path) return { x, y };
    }
    return null;
  });
  assert.ok(point, `no point of grey route line ${index} is free of the layers above it`);
  await page.mouse.click(point.x, point.y);
}

/**
 * Clicks a map marker and returns its popup's content. The click waits until no Leaflet zoom or pan
 * animation runs, because the markers move during one. One CI run saw a click open no popup, and the cause
 * is not known. So a miss saves a screenshot and logs what lay under the pointer, then clicks once more.
 */
async function openMarkerPopup(page, marker) {
  const popup = page.locator(".leaflet-popup-content");
  await page.waitForFunction(() => !document.querySelector(".leaflet-zoom-anim, .leaflet-pan-anim"));
  await marker.click();
  try {
    await popup.waitFor({ timeout: 5_000 });
    return popup;
  } catch {
    const state = await marker.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const topmost = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      return { box: [box.x, box.y, box.width, box.height], topmost: topmost?.outerHTML.slice(0, 200), popups: document.querySelectorAll(".leaflet-popup").length };
    });
    console.error(`e2e: a marker click opened no popup within 5 s; state: ${JSON.stringify(state)}`);
    await screenshot(page, "popup-missing.png");
  }
  await marker.click();
  await popup.waitFor();
  return popup;
}

/** Returns true when the topmost element at the point lies inside the element that the locator finds. */
async function isTopmostAt(locator, x, y) {
  return locator.evaluate((element, point) => element.contains(document.elementFromPoint(point.x, point.y)), { x, y });
}

/** Returns the text of each route tab and which one is selected. */
async function readRouteTabs(page) {
  const tabs = page.getByRole("tablist", { name: "Routes" }).getByRole("tab");
  const texts = await tabs.allInnerTexts();
  const selected = await tabs.evaluateAll((elements) => elements.findIndex((element) => element.getAttribute("aria-selected") === "true"));
  return { texts, selected };
}

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const response = await fetch(`${BASE_URL}/api/v1/search?searchVal=bishan`).catch((error) => error);
  assert.ok(
    response instanceof Response && response.ok,
    `the gateway at ${BASE_URL} did not respond to /api/v1/search (${response instanceof Response ? `HTTP ${response.status}` : response}): start the stack with scripts/e2e-run.sh`,
  );
  // Playwright starts Chromium with a new temporary --user-data-dir of its own and rejects one in args.
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  await browser?.close();
});

describe("PitStop web app", { timeout: TEST_TIMEOUT_MS * 4 }, () => {
  let sharedUrl;
  let firstPlan;
  let startName;
  let destinationName;

  test("plans a trip picked from autocomplete", { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext({ viewport: { width: 1280, height: 800 } }, { helpSeen: false });
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/`);

    const help = page.getByRole("dialog", { name: "How PitStop works" });
    await help.waitFor({ state: "visible" });
    assert.match(await help.innerText(), /pit stop/i);
    assert.match(await help.innerText(), /OpenStreetMap contributors/);
    assert.match(await help.innerText(), /LTA DataMall/);
    await screenshot(page, "01-help-dialog.png");
    await help.getByRole("button", { name: "Got it" }).click();
    await help.waitFor({ state: "hidden" });

    const start = await pickPlace(page, "Start", START_QUERY, /toa payoh/i, "keyboard");
    const destination = await pickPlace(page, "Destination", DESTINATION_QUERY, /holland/i, "mouse");
    startName = start.name;
    destinationName = destination.name;
    assert.match(startName, /toa payoh/i);
    assert.match(destinationName, /holland/i);
    // A station shows its name once, then its type and line code.
    assert.ok(
      start.optionTexts.some((text) => /^Toa Payoh MRT StationMRT station · NS19$/.test(text)),
      `no Toa Payoh station suggestion reads "MRT station · NS19"; got: ${start.optionTexts.join(" | ")}`,
    );

    const limit = page.getByLabel("Ride limit (minutes)");
    await limit.fill(String(RIDE_LIMIT_MIN));
    assert.equal(await page.getByLabel("Safety margin (minutes)").inputValue(), String(MARGIN_MIN));
    await screenshot(page, "02-form-filled.png");

    await page.getByRole("button", { name: "Plan trip" }).click();
    await waitForPlan(page);

    // Markers: one start, one destination, a numbered marker per pit stop.
    await page.locator(".map-marker--start").waitFor();
    assert.equal(await page.locator(".map-marker--start").count(), 1);
    assert.equal(await page.locator(".map-marker--destination").count(), 1);
    const plan = await readPlan(page);
    assert.ok(plan.pitStops >= 1, `a ${RIDE_LIMIT_MIN}-minute limit should need a pit stop; the panel shows ${plan.pitStops}`);
    assert.deepEqual(
      plan.stopLabels,
      Array.from({ length: plan.pitStops }, (_, index) => String(index + 1)),
    );
    assert.equal(plan.rides.length, plan.pitStops + 1);
    assert.equal(await page.locator("path.map-ride").count(), plan.rides.length);

    // Every ride shows its minutes, with one decimal, against limit minus margin, and none goes over in a feasible plan.
    const budget = RIDE_LIMIT_MIN - MARGIN_MIN;
    for (const ride of plan.rides) {
      const match = /(\d+\.\d) of (\d+(?:\.\d+)?) min/.exec(ride);
      assert.ok(match, `ride text "${ride}" lacks "N.N of ${budget} min"`);
      assert.equal(Number(match[2]), budget);
      if (await page.getByText("Every ride stays within the limit.").isVisible()) {
        assert.ok(Number(match[1]) <= budget, `ride "${ride}" is over ${budget} min`);
      }
    }

    // The map stays usable without tiles: a note reports the failure and the route is drawn.
    assert.ok(context.tileRequests > 0, "the map never requested a tile");
    await page.getByText("Map tiles could not be loaded. The route and stops are still drawn.").waitFor();

    // A pit stop popup describes the spot and its ride.
    const popup = await openMarkerPopup(page, page.locator(".map-marker--stop").first());
    // Leaflet fades popups in, so the screenshot waits until the popup is fully opaque.
    await page.waitForFunction(() => getComputedStyle(document.querySelector(".leaflet-popup")).opacity === "1");
    const popupText = await popup.innerText();
    assert.match(popupText, /Pit stop 1/);
    assert.match(popupText, /racks?|Unknown rack type/i);
    assert.match(popupText, /sheltered/);
    assert.match(popupText, /^\d+(\.\d)? k?m off the direct route$/m);
    assert.doesNotMatch(popupText, /Detour/i);
    assert.match(popupText, new RegExp(`Ride 1: \\d+\\.\\d of ${budget} min`));

    const steps = page.locator(".ride__steps").first();
    await steps.locator("summary").click();
    assert.ok((await steps.locator("li").count()) > 0, "the first ride has no turn-by-turn steps");
    await screenshot(page, "03-desktop-plan.png");

    const url = new URL(page.url());
    assert.equal(url.searchParams.get("limit"), String(RIDE_LIMIT_MIN));
    assert.equal(url.searchParams.get("margin"), String(MARGIN_MIN));
    assert.match(url.searchParams.get("from") ?? "", /^-?\d+\.\d+,-?\d+\.\d+$/);
    assert.equal(url.searchParams.get("fromName"), startName);
    assert.equal(url.searchParams.get("toName"), destinationName);
    sharedUrl = page.url();
    firstPlan = plan;

    // Reloading the same address plans the same trip again.
    await page.reload();
    await waitForPlan(page);
    assert.deepEqual(await readPlan(page), plan);
    assert.equal(await page.getByRole("combobox", { name: "Start" }).inputValue(), startName);

    assert.deepEqual(context.blockedRequests.filter((request) => !request.includes("onemap.gov.sg")), []);
    assert.deepEqual(context.cspViolations, []);
    await context.close();
  });

  test("shared URL gives the same plan", { timeout: TEST_TIMEOUT_MS }, async (t) => {
    if (!sharedUrl) return t.skip("the planning test did not produce a URL");
    // A first-time visitor who opens a shared plan sees the plan, not the help.
    const context = await newContext({ viewport: { width: 1280, height: 800 } }, { helpSeen: false });
    const page = await context.newPage();
    await page.goto(sharedUrl);
    await waitForPlan(page);
    assert.deepEqual(await readPlan(page), firstPlan);
    assert.equal(await page.getByLabel("Ride limit (minutes)").inputValue(), String(RIDE_LIMIT_MIN));
    assert.equal(await page.getByRole("dialog", { name: "How PitStop works" }).isVisible(), false);
    await context.close();
  });

  test("downloads the plan as GPX", { timeout: TEST_TIMEOUT_MS }, async (t) => {
    if (!sharedUrl) return t.skip("the planning test did not produce a URL");
    const context = await newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(sharedUrl);
    await waitForPlan(page);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download GPX" }).click(),
    ]);
    const gpx = readFileSync(await download.path(), "utf8");
    assert.ok(gpx.startsWith("<?xml"), `the GPX starts with ${JSON.stringify(gpx.slice(0, 40))}`);
    assert.match(gpx, /<gpx[\s>]/);
    assert.match(download.suggestedFilename(), /\.gpx$/);
    // The GPX names the places picked in the form, not their coordinates.
    assert.ok(
      gpx.includes(`<name>${startName} to ${destinationName}</name>`),
      `the GPX metadata does not name "${startName} to ${destinationName}": ${gpx.slice(0, 400)}`,
    );
    await context.close();
  });

  test("chooses an alternative route", { timeout: TEST_TIMEOUT_MS }, async (t) => {
    if (!sharedUrl) return t.skip("the planning test did not produce a URL");
    const context = await newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(sharedUrl);
    await waitForPlan(page);

    // The API's own response for the same trip, to check the panel against it.
    const shared = new URL(sharedUrl);
    const apiResponse = await page.request.get(
      `${BASE_URL}/api/v2/plan?from=${shared.searchParams.get("from")}&to=${shared.searchParams.get("to")}` +
        `&rideLimitMin=${RIDE_LIMIT_MIN}&marginMin=${MARGIN_MIN}&alternatives=2`,
    );
    assert.equal(apiResponse.status(), 200);
    const api = await apiResponse.json();
    assert.ok(api.alternatives.length >= 1, `the API offers no alternative for ${startName} to ${destinationName}`);

    // One tab per route, the fastest chosen, and a grey line on the map for each alternative.
    const before = await readRouteTabs(page);
    assert.equal(before.texts.length, api.alternatives.length + 1);
    assert.equal(before.selected, 0);
    assert.match(before.texts[0], /^Fastest route/);
    assert.match(before.texts[1], /^Alternative 1/);
    assert.match(before.texts[1], new RegExp(`shares ${Math.round(api.alternatives[0].shared_with_fastest * 100)}% with the fastest`));
    assert.match(before.texts[1], api.alternatives[0].feasible ? /· feasible/ : /not feasible/);
    assert.equal(await page.locator("path.map-alternative").count(), api.alternatives.length);
    const fastestPlan = await readPlan(page);
    assert.equal(fastestPlan.pitStops, api.pit_stops);
    await screenshot(page, "07-routes-fastest.png");

    // Choosing alternative 1 in the list moves the ride list, markers, lines and GPX link to it.
    await page.getByRole("tab", { name: /^Alternative 1/ }).click();
    const chosen = api.alternatives[0];
    await page.locator("path.map-ride").nth(chosen.rides.length - 1).waitFor();
    const alternativePlan = await readPlan(page);
    assert.equal((await readRouteTabs(page)).selected, 1);
    assert.equal(alternativePlan.pitStops, chosen.pit_stops);
    assert.equal(alternativePlan.rides.length, chosen.rides.length);
    assert.notDeepEqual(alternativePlan.rides, fastestPlan.rides);
    assert.equal(await page.locator("path.map-ride").count(), chosen.rides.length);
    assert.equal(await page.locator("path.map-alternative").count(), api.alternatives.length);
    const spotStops = chosen.rides.slice(0, -1).filter((ride) => ride.to.spot_id !== undefined).length;
    assert.equal(alternativePlan.stopLabels.length, spotStops);
    for (const ride of chosen.rides) {
      if (ride.to.spot_id !== undefined) {
        assert.ok(alternativePlan.rides.some((text) => text.includes(ride.to.name)), `no ride of alternative 1 ends at ${ride.to.name}`);
      }
    }
    if (!chosen.feasible) await page.getByText("Not feasible:").waitFor();
    assert.equal(new URL(page.url()).searchParams.get("alt"), "1");
    await screenshot(page, "08-routes-alternative.png");

    // The keyboard moves between the tabs: Home goes back to the fastest route.
    await page.getByRole("tab", { name: /^Alternative 1/ }).focus();
    await page.keyboard.press("Home");
    assert.equal((await readRouteTabs(page)).selected, 0);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "route-tab-0");
    assert.deepEqual(await readPlan(page), fastestPlan);
    assert.equal(new URL(page.url()).searchParams.has("alt"), false);

    // Clicking alternative 1's grey line on the map chooses it too.
    await clickOtherRouteLine(page, 0);
    await page.getByRole("tab", { name: /^Alternative 1/, selected: true }).waitFor();
    assert.deepEqual(await readPlan(page), alternativePlan);
    assert.equal(new URL(page.url()).searchParams.get("alt"), "1");

    // A reload keeps the choice, because the URL has it.
    await page.reload();
    await waitForPlan(page);
    assert.equal((await readRouteTabs(page)).selected, 1);
    assert.deepEqual(await readPlan(page), alternativePlan);

    // The GPX of an alternative comes from the page, with a track per ride of that alternative.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download GPX of alternative 1" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "pitstop-plan-alternative-1.gpx");
    const gpx = readFileSync(await download.path(), "utf8");
    assert.ok(gpx.startsWith("<?xml"), `the GPX starts with ${JSON.stringify(gpx.slice(0, 40))}`);
    assert.ok(gpx.includes(`<name>${startName} to ${destinationName}</name>`), `the GPX does not name the trip: ${gpx.slice(0, 400)}`);
    assert.match(gpx, /alternative 1, shares \d+% with the fastest<\/desc>/);
    assert.equal(gpx.match(/<trk>/g)?.length, chosen.rides.length);
    assert.ok((gpx.match(/<trkpt /g)?.length ?? 0) > chosen.rides.length, "the GPX tracks have no points");

    // A link to an alternative that the trip does not have, or to no route at all, shows the fastest route
    // with a note and drops alt from the address.
    for (const [alt, note] of [
      ["3", "The link chose alternative 3, but PitStop offers at most 2 alternative routes, so the fastest route is shown."],
      ["7", "The link chose alternative 7, but PitStop offers at most 2 alternative routes, so the fastest route is shown."],
      ["abc", "The link chose a route that does not exist, so the fastest route is shown."],
    ]) {
      const missing = new URL(sharedUrl);
      missing.searchParams.set("alt", alt);
      await page.goto(missing.toString());
      await waitForPlan(page);
      assert.equal((await readRouteTabs(page)).selected, 0, `alt=${alt} did not show the fastest route`);
      await page.getByText(note).waitFor();
      assert.equal(new URL(page.url()).searchParams.has("alt"), false, `alt=${alt} stayed in the address`);
    }

    assert.deepEqual(context.blockedRequests.filter((request) => !request.includes("onemap.gov.sg")), []);
    assert.deepEqual(context.cspViolations, []);
    await context.close();
  });

  test("place input keyboard and pointer", { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/`);
    const start = page.getByRole("combobox", { name: "Start" });
    const destination = page.getByRole("combobox", { name: "Destination" });
    const startList = page.getByRole("listbox", { name: "Start suggestions" });

    // Tab with the list open closes it and moves to the next control, without picking a suggestion.
    await start.click();
    await start.pressSequentially(START_QUERY, { delay: 40 });
    await startList.waitFor({ state: "visible" });
    await start.press("ArrowDown");
    await start.press("Tab");
    await startList.waitFor({ state: "hidden" });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Use my location");
    assert.equal(await start.inputValue(), START_QUERY);

    // The open list sits in the form's flow, so the destination field below it stays free to click.
    await start.focus();
    await start.press("End");
    await start.press("Backspace");
    await start.pressSequentially("T", { delay: 40 });
    await startList.waitFor({ state: "visible" });
    const box = await destination.boundingBox();
    assert.ok(
      await isTopmostAt(destination, box.x + box.width / 2, box.y + box.height / 2),
      "the start suggestions cover the destination field",
    );
    await screenshot(page, "10-suggestions-open.png");
    await destination.click();
    await startList.waitFor({ state: "hidden" });
    assert.equal(await page.evaluate(() => document.activeElement?.id), "trip-to");
    assert.equal(await start.inputValue(), START_QUERY);

    // Enter picks the only suggestion without highlighting it first.
    await destination.pressSequentially(SINGLE_RESULT_QUERY, { delay: 40 });
    const destinationList = page.getByRole("listbox", { name: "Destination suggestions" });
    await destinationList.waitFor({ state: "visible" });
    assert.equal(await destinationList.getByRole("option").count(), 1, "the single-result search shows more than one suggestion");
    assert.match(await page.locator("#trip-to-status").innerText(), /^1 suggestion\./);
    await destination.press("Enter");
    await destinationList.waitFor({ state: "hidden" });
    assert.equal(await destination.inputValue(), "Holland Village MRT Station");
    assert.equal(await page.getByRole("list", { name: "Rides" }).count(), 0, "Enter submitted the form");
    await context.close();
  });

  test("marks the plan out of date after an edit", { timeout: TEST_TIMEOUT_MS }, async (t) => {
    if (!sharedUrl) return t.skip("the planning test did not produce a URL");
    const context = await newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(sharedUrl);
    await waitForPlan(page);
    assert.equal(await page.getByText(PLAN_STALE_NOTE).count(), 0);

    await page.getByRole("button", { name: "Swap start and destination" }).click();
    await page.getByText(PLAN_STALE_NOTE).waitFor();
    assert.equal(await page.locator(".plan-wrapper--stale").count(), 1);
    assert.equal(await page.locator(".layout__map--stale").count(), 1);
    await screenshot(page, "11-plan-out-of-date.png");

    await page.getByRole("button", { name: "Plan trip" }).click();
    await page.getByRole("heading", { name: `${destinationName} → ${startName}` }).waitFor({ timeout: PLAN_TIMEOUT_MS });
    await page.getByText(PLAN_STALE_NOTE).waitFor({ state: "detached" });
    assert.equal(await page.locator(".plan-wrapper--stale").count(), 0);
    assert.equal(await page.locator(".layout__map--stale").count(), 0);
    await context.close();
  });

  test("phone shows the new plan after Plan trip", { timeout: TEST_TIMEOUT_MS }, async (t) => {
    if (!sharedUrl) return t.skip("the planning test did not produce a URL");
    const context = await newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(sharedUrl);
    await waitForPlan(page);
    assert.equal(await page.evaluate(() => window.scrollY), 0, "a shared link scrolled the page");

    // A new limit makes a new plan, and the page then scrolls the map to the top of the window.
    await page.getByRole("button", { name: "20 min" }).tap();
    await page.getByRole("button", { name: "Plan trip" }).tap();
    await page.getByText(PLAN_STALE_NOTE).waitFor({ state: "detached", timeout: PLAN_TIMEOUT_MS });
    await waitForPlan(page);
    await page.waitForFunction(() => Math.abs(document.querySelector(".layout__map").getBoundingClientRect().top) <= 1, null, {
      timeout: 10_000,
    });
    const map = await page.locator(".layout__map").boundingBox();
    assert.ok(map.height >= 300, `the map is only ${map.height} px tall`);
    assert.ok(map.height <= 812, `the map is ${map.height} px tall, taller than the screen`);

    // The map is fitted to the route: the start and the destination lie inside it.
    for (const selector of [".map-marker--start", ".map-marker--destination"]) {
      const marker = await page.locator(selector).boundingBox();
      assert.ok(
        marker.x >= map.x && marker.x + marker.width <= map.x + map.width && marker.y >= map.y && marker.y + marker.height <= map.y + map.height,
        `${selector} at ${JSON.stringify(marker)} lies outside the map at ${JSON.stringify(map)}`,
      );
    }

    // The destination pin's head, with its label, is on top of everything drawn near it.
    const head = await page.locator(".map-marker--destination .map-marker__head").boundingBox();
    assert.ok(
      await isTopmostAt(page.locator(".map-marker--destination"), head.x + head.width / 2, head.y + head.height / 2),
      "another marker covers the destination's label",
    );
    await screenshot(page, "12-phone-after-plan.png");
    await context.close();
  });

  test("shows the walk to the first ride", { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const apiResponse = await page.request.get(
      `${BASE_URL}/api/v2/plan?from=${BISHAN_MRT}&to=${MARYMOUNT_MRT}&rideLimitMin=${RIDE_LIMIT_MIN}&marginMin=${MARGIN_MIN}`,
    );
    assert.equal(apiResponse.status(), 200);
    const accessWalk = (await apiResponse.json()).rides[0].access_walk_m;
    assert.ok(accessWalk >= 20, `ride 1's access walk is only ${accessWalk} m, too short for the panel to show`);

    await page.goto(
      `${BASE_URL}/?from=${BISHAN_MRT}&fromName=Bishan+MRT&to=${MARYMOUNT_MRT}&toName=Marymount+MRT` +
        `&limit=${RIDE_LIMIT_MIN}&margin=${MARGIN_MIN}`,
    );
    await waitForPlan(page);

    // The panel describes the walk before the list of rides.
    const walk = page.locator(".walk--first");
    const walkText = await walk.innerText();
    assert.match(walkText, /^First walk/);
    assert.ok(walkText.includes(`Walk ${Math.round(accessWalk)} m (about `), `the first walk reads: ${walkText}`);
    assert.ok(walkText.includes("to the start of ride 1"), `the first walk reads: ${walkText}`);
    const walkBeforeRides = await walk.evaluate(
      (element) => (element.compareDocumentPosition(document.querySelector(".ride-list")) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
    );
    assert.ok(walkBeforeRides, "the first walk comes after the rides");

    // The map joins the start marker to the start of ride 1 with a dotted line like the final walk's.
    await page.waitForFunction(() => !document.querySelector(".leaflet-zoom-anim, .leaflet-pan-anim"));
    assert.equal(await page.locator("path.map-walk--first").count(), 1);
    const ends = await page.evaluate(() => {
      const screenPoint = (path, at) => {
        const local = path.getPointAtLength(at);
        const matrix = path.getScreenCTM();
        return { x: matrix.a * local.x + matrix.c * local.y + matrix.e, y: matrix.b * local.x + matrix.d * local.y + matrix.f };
      };
      const walkPath = document.querySelector("path.map-walk--first");
      const ridePath = document.querySelector("path.map-ride");
      const marker = document.querySelector(".map-marker--start").getBoundingClientRect();
      return {
        walkStart: screenPoint(walkPath, 0),
        walkEnd: screenPoint(walkPath, walkPath.getTotalLength()),
        rideStart: screenPoint(ridePath, 0),
        marker: { x: marker.x + marker.width / 2, y: marker.y + marker.height / 2 },
        walkDash: walkPath.getAttribute("stroke-dasharray"),
        finalWalkDash: document.querySelector("path.map-walk--final")?.getAttribute("stroke-dasharray") ?? null,
      };
    });
    const distance = (a, b) => Math.hypot(a.x - b.x, a.y - b.y);
    assert.ok(distance(ends.walkStart, ends.marker) <= 2, `the first walk starts away from the start marker: ${JSON.stringify(ends)}`);
    assert.ok(distance(ends.walkEnd, ends.rideStart) <= 2, `the first walk ends away from ride 1's line: ${JSON.stringify(ends)}`);
    assert.ok(ends.walkDash, "the first walk's line is not dashed");
    if (ends.finalWalkDash !== null) assert.equal(ends.walkDash, ends.finalWalkDash);
    await screenshot(page, "13-first-walk.png");

    assert.deepEqual(context.blockedRequests.filter((request) => !request.includes("onemap.gov.sg")), []);
    await context.close();
  });

  test("shows the API's error for a point in the sea", { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/`);
    await page.getByRole("combobox", { name: "Start" }).fill("1.332867,103.847143");
    await page.getByRole("combobox", { name: "Destination" }).fill(SEA_POINT);
    await page.getByRole("button", { name: "Plan trip" }).click();

    const apiResponse = await page.request.get(
      `${BASE_URL}/api/v2/plan?from=1.332867,103.847143&to=${SEA_POINT}&rideLimitMin=30&marginMin=2`,
    );
    assert.equal(apiResponse.status(), 400);
    const { error } = await apiResponse.json();
    assert.ok(error.message, "the API sent no error message");

    // Next.js adds a second, empty role="alert" element (its route announcer), so the app's alert is picked by id.
    // The alert words the error for riders and keeps the API's own message under "Technical details".
    const alert = page.locator("#plan-error");
    const summary = alert.locator(".alert__summary");
    await summary.waitFor({ timeout: PLAN_TIMEOUT_MS });
    assert.equal(await alert.getAttribute("role"), "alert");
    const summaryText = (await summary.innerText()).trim();
    assert.equal(error.parameter, "to");
    assert.match(summaryText, /^The destination is /);
    const expectedAdvice =
      error.code === "outside_coverage"
        ? /outside the area PitStop covers \(Singapore\)/
        : /too far from any road or path in PitStop's map data, which may not cover that part of Singapore/;
    assert.match(summaryText, expectedAdvice, `the alert for ${error.code} reads: ${summaryText}`);
    assert.doesNotMatch(summaryText, /parameter|'to'/);
    assert.equal((await alert.innerText()).includes(error.message), false, "the API's message shows before the details open");
    await alert.getByText("Technical details").click();
    await alert.locator("code").filter({ hasText: error.message }).waitFor();
    assert.equal(await page.getByRole("list", { name: "Rides" }).count(), 0);
    await screenshot(page, "04-error.png");
    await context.close();
  });

  test("phone layout at 375 px", { timeout: TEST_TIMEOUT_MS }, async (t) => {
    if (!sharedUrl) return t.skip("the planning test did not produce a URL");
    const context = await newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(sharedUrl);
    await waitForPlan(page);

    const form = await page.locator(".layout__form").boundingBox();
    const map = await page.locator(".layout__map").boundingBox();
    const panel = await page.locator(".layout__plan").boundingBox();
    assert.ok(form.y + form.height <= map.y + 1, "the form should sit above the map");
    assert.ok(map.y + map.height <= panel.y + 1, "the plan should sit below the map");
    for (const box of [form, map, panel]) assert.ok(box.width <= 375 + 0.5, `a section is ${box.width} px wide`);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= 375, `the page scrolls sideways: ${scrollWidth} px wide`);
    assert.ok(map.height >= 300, `the map is only ${map.height} px tall`);

    // The route tabs fit the phone's width, one per row.
    const tabs = page.getByRole("tablist", { name: "Routes" }).getByRole("tab");
    assert.ok((await tabs.count()) >= 2, "the phone layout shows no route tabs");
    for (const box of await tabs.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().toJSON()))) {
      assert.ok(box.right <= 375 + 0.5, `a route tab ends at ${box.right} px`);
      assert.ok(box.height >= 44, `a route tab is only ${box.height} px tall, too small to tap`);
    }

    await screenshot(page, "05-phone-top.png");
    await screenshot(page, "06-phone-full.png", true);
    await page.getByRole("tablist", { name: "Routes" }).screenshot({ path: join(ARTIFACTS, "09-phone-routes.png") });
    await context.close();
  });
});
