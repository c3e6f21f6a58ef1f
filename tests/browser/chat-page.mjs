// Drives the web chat like a person on a phone would: reads the greeting, asks, sees the answer with its
// source, taps a suggestion, reloads, switches to English. Usage: node chat-page.mjs BASE_URL SCREENSHOT_DIR
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const [base, shots = "."] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"],
});
const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
const page = await context.newPage();
const bot = page.locator("li.msg.bot");
let step = "opening the page";

function expect(condition, what) {
  if (!condition) throw new Error(what);
}

async function botReplyCount(n) {
  await page.waitForFunction((n) => document.querySelectorAll("li.msg.bot").length >= n, n, { timeout: 10000 });
}

try {
  await page.goto(base + "/");
  await botReplyCount(1);
  expect((await page.locator("#send").textContent()) === "发送", "the interface should be in Chinese for a zh-CN browser");
  expect((await bot.first().textContent()).includes("NanshanBot"), "the chat should open with the bot's introduction");
  expect(await page.getByLabel("输入你的问题").isVisible(), "the input should have an accessible label");

  step = "asking a question with Enter";
  await page.locator("#input").fill("南山区人均GDP有多少？");
  await page.locator("#input").press("Enter");
  await botReplyCount(2);
  const answer = bot.nth(1);
  expect((await answer.textContent()).includes("54万"), "the answer should give the per-capita GDP");
  expect((await answer.locator(".sources").textContent()).includes("深圳梦"), "the answer should show its source under the bubble");
  expect((await page.locator("li.msg.user").last().textContent()) === "南山区人均GDP有多少？", "the question should appear as the user's bubble");

  step = "tapping a suggestion";
  const chip = page.locator(".chip").first();
  const suggested = await chip.textContent();
  await chip.tap();
  await botReplyCount(3);
  expect((await page.locator("li.msg.user").last().textContent()) === suggested, "tapping a chip should ask its question");
  expect((await bot.nth(2).textContent()).length > 10, "the suggestion should be answered");

  step = "reloading";
  const before = await page.locator("li.msg").count();
  await page.reload();
  await page.waitForSelector("li.msg");
  expect((await page.locator("li.msg").count()) === before, "the conversation should survive a reload");

  step = "switching to English";
  const count = await bot.count();
  await page.locator("#lang").click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  expect((await page.locator("#send").textContent()) === "Send", "the interface should switch to English");
  await botReplyCount(count + 1);
  expect((await bot.last().textContent()).startsWith("Hello!"), "switching should greet in English");
  step = "asking in English";
  await page.locator("#input").fill("What is the per capita GDP of Nanshan?");
  await page.locator("#send").click();
  await botReplyCount(count + 2);
  expect((await bot.last().textContent()).includes("540,000"), "an English question should be answered in English");

  await page.screenshot({ path: `${shots}/web-chat.png`, fullPage: true });
  console.log("browser test passed: greeting, question, source, suggestion, reload, English");
  await browser.close();
} catch (error) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}/web-chat-failure.png`, fullPage: true }).catch(() => {});
  console.error(`browser test failed while ${step}: ${error.message}`);
  await browser.close();
  process.exit(1);
}
