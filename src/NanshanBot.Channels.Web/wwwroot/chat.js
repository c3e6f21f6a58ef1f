"use strict";
// The web chat: one conversation per browser (its id and transcript kept in localStorage), talking to
// POST /api/chat. Interface strings follow the browser's language; the header button switches them.
(() => {
  const STRINGS = {
    zh: { subtitle: "深圳南山区 · 经济、产业、企业与活动", input: "输入你的问题", send: "发送", typing: "正在输入…",
          sources: "来源", suggestions: "推荐问题", other: "English", error: "暂时无法连接，请稍后再试。", greeting: "你好" },
    en: { subtitle: "Shenzhen's Nanshan district · economy, industries, companies, events", input: "Type your question",
          send: "Send", typing: "typing…", sources: "Sources", suggestions: "Suggested questions", other: "中文",
          error: "Could not reach the bot. Please try again.", greeting: "hello" },
  };
  const store = window.localStorage;
  const $ = (id) => document.getElementById(id);
  const messages = $("messages"), chips = $("chips"), input = $("input"), typing = $("typing");
  let lang = store.getItem("nanshanbot.lang") || ((navigator.language || "zh").toLowerCase().startsWith("zh") ? "zh" : "en");
  let conversationId = store.getItem("nanshanbot.conversation");
  if (!conversationId) {
    conversationId = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()).replace(/[^A-Za-z0-9-]/g, "");
    store.setItem("nanshanbot.conversation", conversationId);
  }
  let transcript = JSON.parse(store.getItem("nanshanbot.transcript") || "[]");

  function applyLanguage() {
    const s = STRINGS[lang];
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    $("subtitle").textContent = s.subtitle;
    $("input-label").textContent = s.input;
    input.placeholder = s.input;
    $("send").textContent = s.send;
    $("typing-label").textContent = s.typing;
    chips.setAttribute("aria-label", s.suggestions);
    $("lang").textContent = s.other;
    $("lang").setAttribute("aria-label", lang === "zh" ? "Switch to English" : "切换到中文");
  }

  function save() {
    transcript = transcript.slice(-100);
    store.setItem("nanshanbot.transcript", JSON.stringify(transcript));
  }

  // The reply ends with its source line; the sources are listed under the bubble instead.
  function body(entry) {
    if (entry.role !== "bot" || !entry.sources || entry.sources.length === 0) return entry.text;
    const lines = entry.text.split("\n");
    return lines.length > 1 ? lines.slice(0, -1).join("\n") : entry.text;
  }

  function render(entry) {
    const item = document.createElement("li");
    item.className = "msg " + entry.role + (entry.declined ? " declined" : "");
    item.textContent = body(entry);
    if (entry.role === "bot" && entry.sources && entry.sources.length) {
      const list = document.createElement("ul");
      list.className = "sources";
      list.setAttribute("aria-label", STRINGS[lang].sources);
      for (const s of entry.sources) {
        const li = document.createElement("li");
        const label = `${STRINGS[lang].sources}: ${s.publisher}, ${s.date}`;
        if (s.url && /^https?:\/\//i.test(s.url)) {
          const a = document.createElement("a");
          a.href = s.url; a.textContent = label; a.rel = "noopener"; a.target = "_blank";
          li.appendChild(a);
        } else {
          li.textContent = label;
        }
        list.appendChild(li);
      }
      item.appendChild(list);
    }
    messages.appendChild(item);
    messages.scrollTop = messages.scrollHeight;
  }

  function showSuggestions(list) {
    chips.replaceChildren();
    for (const text of list || []) {
      const chip = document.createElement("button");
      chip.type = "button"; chip.className = "chip"; chip.textContent = text;
      chip.addEventListener("click", () => ask(text));
      chips.appendChild(chip);
    }
  }

  function add(entry) {
    transcript.push(entry);
    save();
    render(entry);
  }

  async function call(url, options) {
    const response = await fetch(url, options);
    const data = await response.json();
    if (!response.ok) throw new Error(data.detail || data.title || response.statusText);
    return data;
  }

  // Reads the server-sent events of /api/chat/stream: text pieces as a model writes them (shown in a growing
  // bubble), then the final answer, which replaces them.
  async function streamAnswer(text) {
    const response = await fetch("/api/chat/stream", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ conversationId, text }),
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.detail || problem.title || response.statusText);
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "", draft = null, final = null;
    while (final === null) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end); buffer = buffer.slice(end + 2);
        const event = (block.match(/^event: (.*)$/m) || [])[1];
        const data = JSON.parse((block.match(/^data: (.*)$/m) || [])[1] || "{}");
        if (event === "delta") {
          if (!draft) { draft = document.createElement("li"); draft.className = "msg bot"; messages.appendChild(draft); }
          draft.textContent += data.text;
          messages.scrollTop = messages.scrollHeight;
        } else if (event === "answer") {
          final = data;
        }
      }
    }
    if (draft) draft.remove();
    if (final === null) throw new Error("the answer was cut off");
    return final;
  }

  async function ask(text) {
    text = text.trim();
    if (!text) return;
    add({ role: "user", text });
    showSuggestions([]);
    input.value = "";
    $("send").disabled = true;
    typing.hidden = false;
    try {
      const data = await streamAnswer(text);
      add({ role: "bot", text: data.reply, declined: data.declined, sources: data.sources, suggestions: data.suggestions });
      showSuggestions(data.suggestions);
    } catch (e) {
      render({ role: "error", text: STRINGS[lang].error + " (" + e.message + ")" });
    } finally {
      typing.hidden = true;
      $("send").disabled = false;
      input.focus();
    }
  }

  async function greet() {
    try {
      const data = await call("/api/intro?lang=" + lang);
      add({ role: "bot", text: data.reply, sources: [], suggestions: data.suggestions });
      showSuggestions(data.suggestions);
    } catch (e) {
      render({ role: "error", text: STRINGS[lang].error });
    }
  }

  $("composer").addEventListener("submit", (e) => { e.preventDefault(); ask(input.value); });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); ask(input.value); }
  });
  $("lang").addEventListener("click", () => {
    lang = lang === "zh" ? "en" : "zh";
    store.setItem("nanshanbot.lang", lang);
    applyLanguage();
    greet();
  });

  applyLanguage();
  transcript.forEach(render);
  const last = transcript[transcript.length - 1];
  if (last && last.role === "bot") showSuggestions(last.suggestions);
  if (transcript.length === 0) greet();
})();
