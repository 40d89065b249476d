// The search page: runs the reader's query on the Pagefind index (pagefind.js, JS API) and lists
// the results. Loaded only by the search page (templates/search.html), so no other page loads
// anything of the index. The query and filters live in the address (?q=…&region=…&kind=…), so a
// search can be bookmarked and the header form (a plain GET form) lands here with its query.
const PAGE_SIZE = 10;
const form = document.getElementById("meklesana");
const output = document.querySelector(".search-output");
const status = document.getElementById("meklesanas-statuss");
const list = document.getElementById("meklesanas-rezultati");
const more = document.querySelector(".search-more");
const text = JSON.parse(document.getElementById("meklesanas-teksti").textContent);
const uiLang = form.dataset.lang;
const plural = new Intl.PluralRules(uiLang);
const dates = new Intl.DateTimeFormat(uiLang, { dateStyle: "long", timeZone: "UTC" });

// Pagefind has no Latvian stemmer, but it matches word beginnings and (1.5+) folds diacritics.
// So one inflection ending is cut from each longer query word: "Jēkabpilī" searches "jēkabpil",
// which finds Jēkabpils, Jēkabpilī and Jēkabpilij (docs/search.md says what this misses).
const ENDINGS = ["iem", "ām", "ēm", "ās", "ēs", "ai", "ei", "as", "es", "is", "us", "os",
  "a", "ā", "e", "ē", "i", "ī", "u", "o", "s", "š"];
const SHORTEST_STEM = 4;

function stem(word) {
  const lower = word.toLocaleLowerCase(uiLang);
  const ending = ENDINGS.find((end) => lower.endsWith(end) && lower.length - end.length >= SHORTEST_STEM);
  return ending ? lower.slice(0, -ending.length) : lower;
}

function terms(query) {
  return query.split(/\s+/).filter(Boolean).map(stem).join(" ");
}

let loading = null;
let shown = [];
let latest = 0;

function fill(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, name) => String(values[name]));
}

async function load() {
  const pagefind = await import(`${form.dataset.bundle}pagefind.js`);
  await pagefind.options({ baseUrl: form.dataset.base, excerptLength: 24 });
  return pagefind;
}

// Pagefind (its script, engine and index) is fetched once, on the first search.
function engine() {
  loading ??= load();
  return loading;
}

function checked(name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
}

function filters() {
  const chosen = {};
  for (const name of ["region", "kind"]) {
    const values = checked(name);
    if (values.length) chosen[name] = { any: values };
  }
  return chosen;
}

// The excerpt is text with <mark> around matched words: keep exactly that, as DOM nodes.
function excerpt(html) {
  const parsed = document.createElement("template");
  parsed.innerHTML = html;
  const paragraph = document.createElement("p");
  for (const node of parsed.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      paragraph.append(mark);
    } else {
      paragraph.append(node.textContent);
    }
  }
  return paragraph;
}

function facts(data) {
  const parts = [];
  if (data.meta.date) {
    const time = document.createElement("time");
    time.dateTime = data.meta.date;
    time.textContent = dates.format(new Date(`${data.meta.date}T00:00:00Z`));
    parts.push(time);
  }
  for (const region of data.filters.region || []) parts.push(region);
  for (const kind of data.filters.kind || []) parts.push(text.kinds[kind] || kind);
  const lang = data.meta.lang;
  if (lang) parts.push(text.languages[lang] || lang);
  const line = document.createElement("p");
  line.className = "meta";
  parts.forEach((part, index) => {
    if (index) line.append(" · ");
    line.append(part);
  });
  return line;
}

function item(data) {
  const entry = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const summary = excerpt(data.excerpt);
  if (data.meta.lang && data.meta.lang !== uiLang) {
    link.lang = summary.lang = data.meta.lang;
    link.hreflang = data.meta.lang;
  }
  entry.append(heading, facts(data), summary);
  return entry;
}

// The next PAGE_SIZE results; from the "show more" button, focus moves to the first new one.
async function showMore(moveFocus = false) {
  const batch = shown.splice(0, PAGE_SIZE);
  const items = (await Promise.all(batch.map((result) => result.data()))).map(item);
  list.append(...items);
  more.hidden = shown.length === 0;
  if (moveFocus && items.length) items[0].querySelector("a").focus();
}

async function run() {
  const query = form.elements.q.value.trim();
  const ticket = ++latest;
  const address = new URL(location.href);
  address.search = new URLSearchParams(new FormData(form)).toString();
  history.replaceState(null, "", address);
  list.replaceChildren();
  more.hidden = true;
  if (!query) {
    status.textContent = text.prompt;
    return;
  }
  status.textContent = text.searching;
  try {
    const search = await (await engine()).search(terms(query), { filters: filters() });
    if (ticket !== latest) return;
    const count = search.results.length;
    const wording = count === 0 ? "none" : plural.select(count) === "one" ? "one" : "other";
    shown = [...search.results];
    await showMore();
    if (ticket !== latest) return;
    status.textContent = fill(text[wording], { count, query });
  } catch (error) {
    status.textContent = text.failed;
    throw error;
  }
}

function start() {
  const params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  for (const name of ["region", "kind"]) {
    const wanted = params.getAll(name);
    for (const box of form.querySelectorAll(`input[name="${name}"]`)) {
      box.checked = wanted.includes(box.value);
    }
  }
  form.hidden = false;
  output.hidden = false;
  let typing = null;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  form.elements.q.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(run, 250);
  });
  form.addEventListener("change", (event) => {
    if (event.target.type === "checkbox") run();
  });
  more.addEventListener("click", () => showMore(true));
  if (params.get("q")) run();
  else form.elements.q.focus();
}

start();
