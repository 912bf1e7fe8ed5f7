// The tfj dashboard: plain JavaScript against the server's own API, no framework, nothing from elsewhere.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { models: [], metrics: new Map(), selected: null }; // selected: {model, version}

// ---------- API ----------

async function api(path, options) {
  const response = await fetch(path, options);
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json() : null;
  if (!response.ok) {
    throw new Error((body && body.error) || `${response.status} ${response.statusText}`);
  }
  return body;
}

const versionPath = (s) => `/api/models/${encodeURIComponent(s.model)}/versions/${encodeURIComponent(s.version)}`;

async function metricsOf(model, version) {
  const key = `${model}/${version}`;
  if (!state.metrics.has(key)) {
    state.metrics.set(key, api(`${versionPath({ model, version })}/metrics`).catch(() => null));
  }
  return state.metrics.get(key);
}

function showError(message) {
  const box = $("error");
  box.textContent = message || "";
  box.hidden = !message;
}

// ---------- small DOM helpers ----------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  children.forEach((c) => node.append(c));
  return node;
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

const percent = (x) => (x * 100).toFixed(2) + " %";

// ---------- model list ----------

async function loadModels() {
  try {
    const { models } = await api("/api/models");
    state.models = models;
    state.metrics.clear();
    showError("");
    renderModels();
    if (!state.selected || !findVersion(state.selected)) {
      const first = models.flatMap((m) => m.versions.map((v) => ({ model: m.name, version: v.version, v })))
        .find((x) => x.v.state === "AVAILABLE");
      if (first) select({ model: first.model, version: first.version });
    } else {
      select(state.selected);
    }
  } catch (e) {
    showError(`Cannot list the models: ${e.message}`);
  }
}

function findVersion(s) {
  const m = state.models.find((x) => x.name === s.model);
  return m && m.versions.find((v) => v.version === s.version);
}

function renderModels() {
  const body = $("models").tBodies[0];
  body.replaceChildren();
  if (state.models.length === 0) {
    body.append(el("tr", {}, el("td", { colspan: 6, class: "muted", text: "No models in the model directory." })));
    return;
  }
  for (const m of state.models) {
    for (const v of m.versions) {
      const stateCell = el("td", {}, el("span", { class: `state ${v.state}`, text: v.state }));
      if (v.error_message) stateCell.append(el("span", { class: "state-error", text: v.error_message }));
      const params = el("td", { class: "num params", text: "…" });
      const accuracy = el("td", { class: "num accuracy", text: "…" });
      const spark = el("td", { class: "spark" });
      const row = el("tr", { class: "model-row", "data-model": m.name, "data-version": v.version },
        el("td", { class: "name", text: m.name }), el("td", { text: v.version }), stateCell, params, accuracy, spark);
      row.addEventListener("click", () => select({ model: m.name, version: v.version }));
      body.append(row);
      metricsOf(m.name, v.version).then((metrics) => {
        params.textContent = metrics ? metrics.totalParameters.toLocaleString("en-US") : "–";
        accuracy.textContent = metrics ? percent(metrics.finalTestAccuracy) : "–";
        if (metrics) spark.append(sparkline(metrics.epochs.map((e) => e.testAccuracy)));
      });
    }
  }
  markSelected();
}

function markSelected() {
  for (const row of $("models").tBodies[0].rows) {
    const s = state.selected;
    row.classList.toggle("selected", !!s && row.dataset.model === s.model && row.dataset.version === s.version);
  }
}

function sparkline(values) {
  const w = 120, h = 24;
  const root = svg("svg", { width: w, height: h, viewBox: `0 0 ${w} ${h}`, class: "sparkline" });
  if (values.length === 0) return root;
  const lo = Math.min(...values), hi = Math.max(...values);
  const x = (i) => (values.length === 1 ? w / 2 : 3 + (i * (w - 6)) / (values.length - 1));
  const y = (v) => (hi > lo ? h - 3 - ((v - lo) / (hi - lo)) * (h - 6) : h / 2);
  root.append(svg("polyline", { points: values.map((v, i) => `${x(i)},${y(v)}`).join(" "),
    fill: "none", stroke: "#2f6fde", "stroke-width": 1.5 }));
  values.forEach((v, i) => root.append(svg("circle", { cx: x(i), cy: y(v), r: 1.8, fill: "#2f6fde" })));
  return root;
}

// ---------- selection: training curves and confusion matrix ----------

async function select(s) {
  state.selected = s;
  markSelected();
  const v = findVersion(s);
  const label = `${s.model} / ${s.version}`;
  $("predict-target").textContent = v && v.state === "AVAILABLE" ? `with ${label}` : `(${label} is ${v ? v.state : "gone"})`;
  $("training-target").textContent = label;
  $("confusion-target").textContent = label;
  const metrics = await metricsOf(s.model, s.version);
  if (state.selected !== s) return;
  renderTraining(metrics);
}

function renderTraining(m) {
  const curves = $("curves"), confusion = $("confusion"), summary = $("summary");
  curves.replaceChildren();
  confusion.replaceChildren();
  if (!m) {
    summary.textContent = "This version has no metrics.json.";
    confusion.textContent = "–";
    return;
  }
  const h = m.hyperparameters || {};
  summary.textContent = `${m.model}: ${m.totalParameters.toLocaleString("en-US")} parameters, `
    + `${m.epochs.length} epoch${m.epochs.length === 1 ? "" : "s"} of ${h.optimizer || "?"} at lr ${h.learningRate}, `
    + `final test accuracy ${percent(m.finalTestAccuracy)} (best ${percent(m.bestTestAccuracy)} at epoch ${m.bestEpoch}), `
    + `${Math.round(m.wallTimeSeconds)} s`;
  const epochs = m.epochs.map((e) => e.epoch);
  curves.append(
    chart("Loss", epochs, [
      { name: "train", color: "#e08a2c", values: m.epochs.map((e) => e.trainLoss) },
      { name: "test", color: "#2f6fde", values: m.epochs.map((e) => e.testLoss) }]),
    chart("Accuracy", epochs, [
      { name: "train", color: "#e08a2c", values: m.epochs.map((e) => e.trainAccuracy) },
      { name: "test", color: "#2f6fde", values: m.epochs.map((e) => e.testAccuracy) }], percent));
  confusion.append(confusionTable(m.confusionMatrix));
}

function chart(title, xs, series, format = (v) => v.toFixed(3)) {
  const w = 420, h = 200, left = 56, right = 12, top = 22, bottom = 30;
  const all = series.flatMap((s) => s.values).filter(Number.isFinite);
  let lo = Math.min(...all), hi = Math.max(...all);
  if (!(hi > lo)) { lo -= 0.05 * (Math.abs(lo) || 1); hi += 0.05 * (Math.abs(hi) || 1); }
  const pad = (hi - lo) * 0.08; lo -= pad; hi += pad;
  const x = (i) => left + (xs.length === 1 ? (w - left - right) / 2 : (i * (w - left - right)) / (xs.length - 1));
  const y = (v) => top + (1 - (v - lo) / (hi - lo)) * (h - top - bottom);
  const root = svg("svg", { width: w, height: h + 18, viewBox: `0 0 ${w} ${h + 18}`, class: "chart", "data-title": title });
  root.append(svg("text", { x: left, y: 13, class: "title" }, title));
  for (let k = 0; k <= 4; k++) {
    const v = lo + ((hi - lo) * k) / 4;
    root.append(svg("line", { x1: left, x2: w - right, y1: y(v), y2: y(v), class: "grid" }));
    root.append(svg("text", { x: left - 4, y: y(v) + 3, "text-anchor": "end" }, format(v)));
  }
  root.append(svg("line", { x1: left, x2: left, y1: top, y2: h - bottom, class: "axis" }));
  root.append(svg("line", { x1: left, x2: w - right, y1: h - bottom, y2: h - bottom, class: "axis" }));
  const step = Math.max(1, Math.ceil(xs.length / 8));
  xs.forEach((e, i) => {
    if (i % step === 0 || i === xs.length - 1) root.append(svg("text", { x: x(i), y: h - bottom + 13, "text-anchor": "middle" }, e));
  });
  root.append(svg("text", { x: (left + w - right) / 2, y: h - 2, "text-anchor": "middle" }, "epoch"));
  for (const s of series) {
    root.append(svg("polyline", { points: s.values.map((v, i) => `${x(i)},${y(v)}`).join(" "),
      fill: "none", stroke: s.color, "stroke-width": 2 }));
    s.values.forEach((v, i) => root.append(svg("circle", { cx: x(i), cy: y(v), r: 2.5, fill: s.color })));
  }
  let lx = left;
  for (const s of series) {
    root.append(svg("rect", { x: lx, y: h + 6, width: 14, height: 3, fill: s.color }));
    root.append(svg("text", { x: lx + 18, y: h + 10 }, s.name));
    lx += 60;
  }
  return root;
}

function confusionTable(matrix) {
  const table = el("table", { class: "confusion" });
  const head = el("tr", {}, el("th", { text: "" }));
  for (let p = 0; p < 10; p++) head.append(el("th", { text: p }));
  table.append(el("thead", {}, head));
  const body = el("tbody");
  matrix.forEach((row, truth) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    const tr = el("tr", {}, el("th", { text: truth }));
    row.forEach((count, predicted) => {
      const share = count / total;
      const cell = el("td", { text: count, title: `true ${truth}, predicted ${predicted}: ${count} (${percent(share)} of ${truth}s)` });
      // Correct cells in blue by share of their row; mistakes in red, square-root scaled so rare ones still show.
      const strength = truth === predicted ? share : Math.min(1, Math.sqrt(share) * 1.6);
      if (count > 0) {
        cell.style.background = truth === predicted
          ? `hsl(215, 70%, ${96 - 56 * strength}%)`
          : `hsl(4, 75%, ${97 - 45 * strength}%)`;
        if (96 - 56 * strength < 60 && truth === predicted) cell.style.color = "#fff";
      } else {
        cell.style.color = "#c4c9d4";
      }
      tr.append(cell);
    });
    body.append(tr);
  });
  table.append(body);
  return table;
}

// ---------- drawing pad and prediction ----------

const pad = $("pad");
const ink = pad.getContext("2d");
let last = null;

function clearPad() {
  ink.fillStyle = "#000";
  ink.fillRect(0, 0, pad.width, pad.height);
}

function point(event) {
  const r = pad.getBoundingClientRect();
  return { x: ((event.clientX - r.left) * pad.width) / r.width, y: ((event.clientY - r.top) * pad.height) / r.height };
}

function strokeTo(p) {
  ink.strokeStyle = "#fff";
  ink.fillStyle = "#fff";
  ink.lineWidth = 18;
  ink.lineCap = "round";
  ink.lineJoin = "round";
  ink.beginPath();
  ink.moveTo(last.x, last.y);
  ink.lineTo(p.x, p.y);
  ink.stroke();
  last = p;
}

pad.addEventListener("pointerdown", (e) => {
  e.preventDefault();
  pad.setPointerCapture(e.pointerId);
  last = point(e);
  strokeTo(last); // a dot for a tap
});
pad.addEventListener("pointermove", (e) => { if (last) strokeTo(point(e)); });
const endStroke = () => {
  if (!last) return;
  last = null;
  pad.toBlob((blob) => predict(blob, "image/png"), "image/png");
};
pad.addEventListener("pointerup", endStroke);
pad.addEventListener("pointercancel", endStroke);

$("clear").addEventListener("click", () => { clearPad(); renderPrediction(null); });

async function predict(blob, type) {
  const s = state.selected;
  if (!s) { showError("No model version is serving: nothing to predict with."); return; }
  try {
    const result = await api(`${versionPath(s)}/image`, { method: "POST", headers: { "Content-Type": type }, body: blob });
    showError("");
    renderPrediction(result);
  } catch (e) {
    renderPrediction(null);
    showError(`Prediction with ${s.model} / ${s.version} failed: ${e.message}`);
  }
}

function renderPrediction(result) {
  const list = $("probabilities");
  list.replaceChildren();
  $("digit").textContent = result ? result.digit : "–";
  $("prediction").dataset.model = result ? `${result.model}/${result.version}` : "";
  if (!result) return;
  result.probabilities.forEach((p, d) => {
    list.append(el("li", { class: d === result.digit ? "top" : "", "data-digit": d, "data-p": p },
      el("span", { text: d }),
      el("span", { class: "track" }, el("span", { class: "fill", style: `width: ${(p * 100).toFixed(1)}%` })),
      el("span", { class: "p", text: (p * 100).toFixed(1) + " %" })));
  });
}

// ---------- image files: choose or drop ----------

function predictFile(file) {
  if (!file) return;
  if (!/^image\/(png|jpeg)$/.test(file.type)) { showError(`${file.name} is not a PNG or JPEG.`); return; }
  const img = new Image();
  const url = URL.createObjectURL(file);
  img.onload = () => { // show it on the pad too, fitted, so the person sees what was sent
    clearPad();
    const k = Math.min(pad.width / img.width, pad.height / img.height);
    ink.drawImage(img, (pad.width - img.width * k) / 2, (pad.height - img.height * k) / 2, img.width * k, img.height * k);
    URL.revokeObjectURL(url);
  };
  img.src = url;
  predict(file, file.type);
}

$("file").addEventListener("change", (e) => { predictFile(e.target.files[0]); e.target.value = ""; });
const drawCard = $("draw-section");
drawCard.addEventListener("dragover", (e) => { e.preventDefault(); drawCard.classList.add("dragging"); });
drawCard.addEventListener("dragleave", () => drawCard.classList.remove("dragging"));
drawCard.addEventListener("drop", (e) => {
  e.preventDefault();
  drawCard.classList.remove("dragging");
  predictFile(e.dataTransfer.files[0]);
});

$("refresh").addEventListener("click", loadModels);
$("served-from").textContent = location.host;
clearPad();
loadModels();
