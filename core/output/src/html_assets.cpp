// The reading room's assets, compiled into the binary (html.h html_asset()):
// nothing is read from disk or fetched from elsewhere. The stylesheet is
// readable on a phone (one column under 50em) and keeps WCAG AA contrast
// (text #1a1a1a on #fdfdfb, links #0b4f8a, marks #1a1a1a on #ffe58a). The
// script only enhances: the pages work without it (forms submit, links
// link); it adds filter-as-you-type to the registers, copy buttons, and
// submits the order and page-size selects when changed.
#include <array>
#include <utility>

#include "opis/output/html.h"

namespace opis {

namespace {

constexpr std::string_view kCss =
    R"CSS(:root{--fg:#1a1a1a;--bg:#fdfdfb;--link:#0b4f8a;--muted:#4a4a4a;--line:#d0d0c8;--mark:#ffe58a;--hw:#f1ecdf}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 Georgia,"DejaVu Serif",serif;color:var(--fg);background:var(--bg)}
a{color:var(--link)}a:focus,button:focus,input:focus,select:focus,summary:focus{outline:3px solid #e08a00;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1em;top:1em;background:#fff;padding:.5em;z-index:2}
header{border-bottom:1px solid var(--line);padding:.5em 1em;font-family:sans-serif}
header nav{display:flex;flex-wrap:wrap;gap:1em;align-items:center}header ul{list-style:none;display:flex;gap:1em;margin:0;padding:0}
.brand{font-weight:bold;font-size:1.2em}[aria-current=page]{font-weight:bold}
main{max-width:72em;margin:0 auto;padding:1em}
footer{border-top:1px solid var(--line);color:var(--muted);padding:.5em 1em;font-size:.9em;font-family:sans-serif}
h1{font-size:1.6em;margin:.3em 0}h2{font-size:1.25em}h3{font-size:1.05em;margin:.2em 0}
form.search label{font-family:sans-serif}.row{display:flex;flex-wrap:wrap;gap:.5em;margin:.3em 0}
input[type=search]{flex:1;min-width:12em;font-size:1.05em;padding:.4em}button{font-size:1em;padding:.4em .9em}
.options label{margin-right:1em}.help{font-size:.9em;color:var(--muted)}
.filters{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5em}
.filter{display:inline-block;border:1px solid var(--line);border-radius:1em;padding:.1em .7em;text-decoration:none;font-family:sans-serif}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 16em;gap:2em}
.record-layout{display:grid;grid-template-columns:minmax(0,1fr) 18em;gap:2em}
.hits{padding-left:1.5em}.hit{margin-bottom:1em}.meta{color:var(--muted);font-size:.9em;margin:.1em 0;font-family:sans-serif}
.snippet{margin:.2em 0;white-space:pre-line}mark{background:var(--mark);color:var(--fg)}
.facets h3{font-family:sans-serif}.facets ul{list-style:none;padding:0;margin:0 0 1em}.count,.note{color:var(--muted);font-size:.9em}
.histogram{margin:.5em 0}.histogram svg{width:100%;height:auto;max-height:8em}.histogram rect{fill:#5b7fa6}
.histogram a:hover rect,.histogram a:focus rect{fill:#e08a00}.histogram text{font:11px sans-serif;fill:var(--muted)}
.paging ul{list-style:none;display:flex;flex-wrap:wrap;gap:.6em;padding:0}
.error{color:#8a1010;font-weight:bold}
.record{max-width:48em}.fields{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}.fields dt{font-weight:bold}.fields dd{margin:0}
.text{white-space:pre-wrap;overflow-wrap:anywhere}.hw{background:var(--hw);font-style:italic}
.notes{border-left:4px solid var(--line);padding-left:1em}
blockquote{margin:.5em 0;padding:.5em 1em;background:#f3f3ee;border-left:4px solid var(--line)}
.entities ul{padding-left:1.2em}
.register{list-style:none;padding:0}.register li{padding:.4em 0;border-bottom:1px solid var(--line)}.register li[hidden]{display:none}
.map svg{width:100%;height:auto;background:#eef3f7}.map .sea{fill:#eef3f7}.map .grid{stroke:#b9c9d8;stroke-width:.4}.map .grid.fine{stroke:#dde6ee;stroke-width:.25}
.map svg{max-height:32em}.map circle{fill:#0b4f8a;fill-opacity:.6;stroke:#fff;stroke-width:.3}.map a:hover circle,.map a:focus circle{fill:#e08a00;fill-opacity:1}
.kwic-wrap{overflow-x:auto}.kwic{border-collapse:collapse;width:100%}.kwic td{padding:.15em .4em;vertical-align:top}
.kwic .left{text-align:right}.kwic .kw{text-align:center;white-space:nowrap}
@media (max-width:50em){.layout,.record-layout{grid-template-columns:1fr}.fields{grid-template-columns:1fr}.fields dd{margin-bottom:.4em}}
)CSS";

constexpr std::string_view kJs = R"JS(// Opis reading room: enhancements only; every page works without this.
'use strict';
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('button[data-copy]').forEach(function (b) {
    var src = document.getElementById(b.getAttribute('data-copy'));
    if (!src || !navigator.clipboard) return;
    b.hidden = false;
    b.addEventListener('click', function () {
      navigator.clipboard.writeText(src.textContent).then(function () { b.textContent = 'Copied'; });
    });
  });
  document.querySelectorAll('select[data-autosubmit]').forEach(function (s) {
    s.addEventListener('change', function () { s.form.submit(); });
  });
  var box = document.querySelector('input[data-filter=register]');
  var list = document.getElementById('register');
  var count = document.getElementById('register-count');
  if (box && list) {
    var fold = function (s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); };
    box.addEventListener('input', function () {
      var want = fold(box.value.trim()), n = 0;
      list.querySelectorAll('li').forEach(function (li) {
        var show = !want || li.getAttribute('data-names').indexOf(want) >= 0;
        li.hidden = !show;
        if (show) n++;
      });
      if (count) count.textContent = n + ' shown';
    });
  }
});
)JS";

constexpr std::string_view kFavicon =
    R"SVG(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0b4f8a"/><text x="8" y="12" font-size="11" text-anchor="middle" fill="#fff" font-family="serif">O</text></svg>)SVG";

}  // namespace

std::optional<HtmlAsset> html_asset(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, HtmlAsset>, 3> kAssets{{
      {"/assets/opis.css", {"text/css; charset=utf-8", kCss}},
      {"/assets/opis.js", {"text/javascript; charset=utf-8", kJs}},
      {"/favicon.svg", {"image/svg+xml", kFavicon}},
  }};
  for (const auto& [p, a] : kAssets) {
    if (p == path) return a;
  }
  return std::nullopt;
}

}  // namespace opis
