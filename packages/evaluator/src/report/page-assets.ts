/**
 * The style of report.html. The page is at most 1180 px wide, so that a 1280 px window shows it
 * whole: tables wrap their headers, put `± sd` on a second line and, when still too wide, scroll
 * inside their box with the first column kept in view; the navigation wraps.
 */
export const REPORT_STYLE = `
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,"DejaVu Sans",sans-serif;margin:0 auto;max-width:1180px;padding:0 1.5rem 2rem;color:#222;background:#fff}
h1{margin:1rem 0 .2rem}section,h3{scroll-margin-top:2.6rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem}h3{margin-bottom:.3rem}
nav{position:sticky;top:0;z-index:2;background:#fff;display:flex;flex-wrap:wrap;gap:.1rem .9rem;padding:.4rem 0;border-bottom:1px solid #eee;font-size:14px}
table{border-collapse:collapse;margin:.6rem 0;font-size:13px;font-variant-numeric:tabular-nums}
th,td{padding:.25rem .5rem;border-bottom:1px solid #e4e4e4;text-align:right;vertical-align:top}
thead th{background:#f5f5f5;white-space:normal;max-width:9rem;font-weight:600}
td{white-space:nowrap}
th[scope=row],thead th:first-child{text-align:left;position:sticky;left:0;background:#fff;white-space:nowrap}
thead th:first-child{background:#f5f5f5}
tr.marked th[scope=row],tr.marked td{background:#f1f8ee}
.sd{display:block;color:#777;font-size:11px}
.scroll{overflow-x:auto;max-width:100%}
.best{display:inline-block;font-size:11px;padding:0 .35rem;border-radius:3px;background:#2c7a2c;color:#fff;vertical-align:1px}
.verdict{padding:.5rem .8rem;border-radius:4px;background:#eef7ee}.verdict.bad{background:#fbeaea}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto;display:block}figcaption{color:#555;font-size:13px}
.file,.files,.hint{color:#777;font-size:12px}.files a{color:#457}
li{margin:.3rem 0}
.compare{display:flex;flex-wrap:wrap;gap:1rem 1.5rem;align-items:flex-start;margin:1rem 0}
.frame{position:relative;flex:1 1 320px;width:100%;overflow:hidden;background:#eee;user-select:none;touch-action:pan-y}
.frame img{position:absolute;top:0;height:100%;display:block;max-width:none}
.frame img[hidden]{display:none}
.frame .before{left:0;width:100%}
.frame .after{position:absolute;inset:0;clip-path:inset(0 0 0 var(--pos))}
.frame .handle{position:absolute;top:0;bottom:0;left:var(--pos);width:2px;margin-left:-1px;background:#fff;box-shadow:0 0 0 1px #0006;pointer-events:none}
.frame .handle::after{content:"";position:absolute;top:50%;left:50%;width:22px;height:22px;margin:-11px 0 0 -11px;border-radius:50%;background:#fff;box-shadow:0 0 0 1px #0006}
.frame .divider{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:ew-resize;-webkit-appearance:none;appearance:none}
.frame .divider::-webkit-slider-runnable-track{height:100%}
.frame .divider::-webkit-slider-thumb{-webkit-appearance:none;width:2px;height:100%}
.frame .divider::-moz-range-thumb{width:2px;height:100%;border:0}
.frame .tag{position:absolute;top:.4rem;padding:0 .4rem;border-radius:3px;background:#000a;color:#fff;font-size:12px;pointer-events:none}
.frame .tag.left{left:.4rem}.frame .tag.right{right:.4rem}
.frame:focus-within .handle,.frame:focus-within .handle::after{background:#ffbf47}
.controls{flex:0 1 300px;font-size:14px}
.controls fieldset{border:1px solid #ddd;border-radius:4px;margin:0 0 .6rem;padding:.3rem .7rem .5rem}
.controls legend{font-size:13px;color:#555}
.controls label{display:block;margin:.15rem 0;cursor:pointer}
.controls .score{color:#555;font-variant-numeric:tabular-nums}
.legend{margin:.4rem 0 .8rem;width:240px}.legend .ramp{height:12px;border-radius:2px}
.legend .ticks{position:relative;height:1.2em;font-size:11px;color:#555}
.legend .ticks span{position:absolute;transform:translateX(-50%)}.legend .ticks span:first-child{transform:none}
.legend .ticks span:last-child{transform:translateX(-100%)}
`;

/**
 * The page's only script: the compare views (divider, choice, heat map) and a mark on the body once
 * every image has decoded (`data-images-ok="n/n"`), which the browser test reads.
 */
export const REPORT_SCRIPT = `
(function () {
  function update(view) {
    var frame = view.querySelector(".frame");
    var chosen = view.querySelector("input[type=radio]:checked");
    var option = chosen ? chosen.value : "";
    var toggle = view.querySelector(".heat-toggle");
    toggle.disabled = option === "gray";
    var heat = toggle.checked && !toggle.disabled;
    frame.querySelectorAll(".after img").forEach(function (img) {
      var o = img.getAttribute("data-option"), k = img.getAttribute("data-kind");
      var show = option === "gray" ? k === "gray"
        : (k === "out" && (o === "*" || o === option)) || (k === "heat" && heat && o === option);
      img.hidden = !show;
    });
    var divider = frame.querySelector(".divider");
    var name = chosen ? chosen.parentNode.textContent.replace(/ΔE00.*$/, "").trim() : "";
    var right = name + (heat ? " ΔE2000 map" : "");
    frame.querySelector(".tag.right").textContent = right;
    divider.setAttribute("aria-valuetext", "original left of " + divider.value + " %, " + right + " right");
  }
  document.querySelectorAll(".compare").forEach(function (view) {
    var frame = view.querySelector(".frame");
    var divider = frame.querySelector(".divider");
    divider.addEventListener("input", function () {
      frame.style.setProperty("--pos", divider.value + "%");
      update(view);
    });
    view.querySelectorAll("input[type=radio], .heat-toggle").forEach(function (el) {
      el.addEventListener("change", function () { update(view); });
    });
    update(view);
  });

  var imgs = [].slice.call(document.images), left = imgs.length;
  function done() {
    var ok = imgs.filter(function (i) { return i.getAttribute("data-ok") === "1"; }).length;
    document.body.setAttribute("data-images-ok", ok + "/" + imgs.length);
  }
  function mark(i) { i.setAttribute("data-ok", i.naturalWidth > 0 ? "1" : "0"); if (--left === 0) done(); }
  if (!left) done();
  imgs.forEach(function (i) {
    if (i.complete) mark(i);
    else { i.addEventListener("load", function () { mark(i); }); i.addEventListener("error", function () { mark(i); }); }
  });
})();
`;
