// The HTML printer's escaping and pages (issue 18): record text is
// untrusted, so every context (text, attribute, URL, href) is checked with
// hostile values; the pages must hold no markup a record wrote.
#include <gtest/gtest.h>

#include "opis/output/html.h"

using namespace opis;

TEST(Issue18Html, TextAndAttributesEscapeMarkupAndControls) {
  EXPECT_EQ(html_text("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  EXPECT_EQ(html_text("a\nb"), "a\nb");
  EXPECT_EQ(html_attr("\" onmouseover=\"x\"\n"), "&quot; onmouseover=&quot;x&quot;&#10;");
  EXPECT_EQ(html_text("\x1b[2J\xe2\x80\xae"), "\\x1b[2J\\u202e");  // controls and bidi overrides made visible
  EXPECT_EQ(html_text("Хрущёв"), "Хрущёв");
}

TEST(Issue18Html, UrlComponentsAndHrefs) {
  EXPECT_EQ(url_component("person:N.S. Khrushchev&x=1/\""), "person%3AN.S.%20Khrushchev%26x%3D1%2F%22");
  EXPECT_EQ(safe_href("https://example.org/a?b=1&c=\"2\""), "https://example.org/a?b=1&amp;c=&quot;2&quot;");
  EXPECT_EQ(safe_href("HTTP://example.org/"), "HTTP://example.org/");
  for (const char* bad : {"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:x",
                          "data:text/html,<script>x</script>", "vbscript:msgbox", "//evil.example/", "/local",
                          "http://x.org/\" onmouseover=\"x", "https://x.org/\x01", "https://x.org/\xe2\x80\xae"}) {
    EXPECT_EQ(safe_href(bad), "") << bad;
  }
}

TEST(Issue18Html, FiltersBecomeQueryClauses) {
  auto f = parse_filter("person:N.S. Khrushchev");
  ASSERT_TRUE(f);
  EXPECT_EQ(filter_clause(*f), "person:\"N.S. Khrushchev\"");
  EXPECT_EQ(filter_clause(*parse_filter("year:1958")), "date:1958");
  EXPECT_EQ(filter_clause(*parse_filter("place:Say \"hi\"")), "place:\"Say  hi\"");
  EXPECT_FALSE(parse_filter("year:1958) OR (x"));
  EXPECT_FALSE(parse_filter("secret:x"));
  EXPECT_FALSE(parse_filter("person:"));
  EXPECT_EQ(filtered_query("Baghdad OR Iraq", {*f, *parse_filter("year:1958")}),
            "(Baghdad OR Iraq) person:\"N.S. Khrushchev\" date:1958");
  EXPECT_EQ(filtered_query("Baghdad", {}), "Baghdad");
}

TEST(Issue18Html, HostileRecordRendersAsText) {
  Record r;
  r.id = "h\"><script>x()</script>";
  r.title = "<script>window.__pwned=1</script>";
  r.url = "javascript:window.__pwned=2";
  r.cites = {"data:text/html,<b>x</b>", "https://ok.example/"};
  r.body = "\" onmouseover=\"window.__pwned=3\" [Handwritten: <img src=x onerror=y>] Baghdad";
  r.summary = "<iframe src=x></iframe>";
  r.persons.push_back({"\"><svg onload=z>", "x", "mentioned", {}, 1, {}, {}});
  const std::string page = html_record_page(r, "Baghdad", {{r.body.size() - 7, 7}}, nullptr);
  for (const char* raw :
       {"<script>", "<img", "<iframe", "<svg", "href=\"javascript", "href=\"data:", "onmouseover=\"", "<b>"}) {
    EXPECT_EQ(page.find(raw), std::string::npos) << raw;
  }
  EXPECT_NE(page.find("&lt;script&gt;window.__pwned=1&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(page.find("<mark>Baghdad</mark>"), std::string::npos);
  EXPECT_NE(page.find("<span class=\"hw\">[Handwritten: &lt;img"), std::string::npos);
  EXPECT_NE(page.find("href=\"https://ok.example/\""), std::string::npos);
  EXPECT_NE(page.find("id=h%22%3E%3Cscript%3Ex%28%29"), std::string::npos);  // the id inside a link
}

TEST(Issue18Html, OnlyBuiltInAssetsExist) {
  EXPECT_TRUE(html_asset("/assets/opis.css"));
  EXPECT_TRUE(html_asset("/assets/opis.js"));
  EXPECT_FALSE(html_asset("/assets/../CMakeLists.txt"));
  EXPECT_FALSE(html_asset("/etc/passwd"));
  // The script never writes markup from data (only textContent and hidden).
  auto js = html_asset("/assets/opis.js")->body;
  EXPECT_EQ(js.find("innerHTML"), std::string_view::npos);
}
