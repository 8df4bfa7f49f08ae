// --explain: the parsed query in words.
#include "opis/search/explain.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include <fmt/format.h>

#include "opis/base/language_id.h"
#include "opis/base/text.h"
#include "opis/entities/name_key.h"
#include "opis/index/language_stemmer.h"
#include "opis/index/schema.h"
#include "opis/search/searcher.h"

namespace opis {

namespace {

// --- --explain -------------------------------------------------------------

std::string date_key_readable(const std::string& k) {
  if (k.size() == 8 && std::all_of(k.begin(), k.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return k.substr(0, 4) + "-" + k.substr(4, 2) + "-" + k.substr(6, 2);
  }
  return k;
}

// The field whose prefix `term` carries (the longest that fits), or nullptr.
const Field* field_of(const std::string& term, std::size_t& prefix_len) {
  const Field* best = nullptr;
  prefix_len = 0;
  for (const Field& f : fields()) {
    const std::size_t n = f.prefix.size();
    if (n <= prefix_len || term.compare(0, n, f.prefix) != 0) continue;
    if (term.size() > n) {
      unsigned char next = static_cast<unsigned char>(term[n]);
      if (next >= 'A' && next <= 'Z') continue;  // a longer prefix (XTR vs XTRS)
    }
    best = &f;
    prefix_len = n;
  }
  return best;
}

class Explainer {
 public:
  explicit Explainer(const Xapian::Database& db) : m_db(db) {}

  void walk(const Xapian::Query& q, int depth) {
    using Q = Xapian::Query;
    const auto type = q.get_type();
    const std::size_t n = q.get_num_subqueries();
    switch (type) {
      case Q::LEAF_TERM: {
        std::string d = term(*q.get_terms_begin());
        if (!d.empty()) line(depth, d);
        return;
      }
      case Q::LEAF_MATCH_ALL: line(depth, "every record"); return;
      case Q::LEAF_MATCH_NOTHING: line(depth, "nothing"); return;
      case Q::LEAF_POSTING_SOURCE: return;  // the weight of a name term (name_weight.h)
      default: break;
    }
    // A person or place term weighed by its mentions: OR(FILTER(source, T), FILTER(source, tier of T)...).
    if (std::string t = weighed_term(q); !t.empty()) {
      const bool floor = t.rfind(field("name_word").prefix, 0) == 0;  // a fixed weight, no mentions
      line(depth, term(t) + (floor ? "" : " (weighted by mentions)"));
      return;
    }
    if (std::string g = given_name_marker(q); !g.empty()) {
      walk(q.get_subquery(0), depth);
      const Xapian::doccount n = m_db.get_termfreq(g);
      line(depth,
           fmt::format("not where the word only opens a name (\"Hermann Bahr\"): {} of this collection {} "
                       "someone by it as a given name (\"Lieber Hermann\")",
                       n == 1 ? std::string("1 record") : fmt::format("{} records", n), n == 1 ? "calls" : "call"));
      return;
    }
    const std::string desc = q.get_description();
    std::smatch m;
    switch (type) {
      case Q::OP_PHRASE:
      case Q::OP_NEAR: {
        std::vector<std::string> words;
        for (std::size_t i = 0; i < n; ++i) {
          Q sub = q.get_subquery(i);
          if (sub.get_type() != Q::LEAF_TERM) break;
          words.push_back(*sub.get_terms_begin());
        }
        // Xapian's window spans both ends: NEAR/5 (at most 5 words apart) is a window of 6.
        std::string window, apart = "?";
        if (std::regex_search(desc, m, std::regex(type == Q::OP_PHRASE ? " PHRASE (\\d+) " : " NEAR (\\d+) "))) {
          window = m[1];
          apart = std::to_string(std::stoul(window) > 1 ? std::stoul(window) - 1 : 0);
        }
        if (words.size() == n && type == Q::OP_PHRASE) {
          std::size_t plen = 0;
          const Field* f = field_of(words[0], plen);
          std::string text;
          for (const auto& w : words) text += (text.empty() ? "" : " ") + w.substr(plen);
          bool adjacent = window.empty() || std::to_string(n) == window;
          line(depth, fmt::format("{}phrase \"{}\"{}", f ? std::string(f->name) + ": " : "", text,
                                  adjacent ? "" : fmt::format(" (in this order, at most {} words apart)", apart)));
          return;
        }
        line(depth, type == Q::OP_PHRASE
                        ? fmt::format("in this order, at most {} words apart:", apart)
                        : fmt::format("near each other, in any order, at most {} words apart:", apart));
        break;
      }
      case Q::OP_WILDCARD: {
        std::string pattern = desc;
        if (std::regex_search(desc, m, std::regex("WILDCARD \\w+ (\\S+?)\\)?$"))) pattern = m[1];
        line(depth, wildcard(pattern));
        return;
      }
      case Q::OP_VALUE_LE:
      case Q::OP_VALUE_GE:
      case Q::OP_VALUE_RANGE: {
        line(depth, value_range(desc));
        return;
      }
      case Q::OP_AND: line(depth, "all of:"); break;
      case Q::OP_OR: line(depth, "any of:"); break;
      case Q::OP_AND_NOT: binary(q, depth, "matching:", "but none of:"); return;
      case Q::OP_XOR: line(depth, "exactly one of:"); break;
      case Q::OP_AND_MAYBE: binary(q, depth, "matching:", "ranked higher when they also match:"); return;
      case Q::OP_FILTER:
        binary(q, depth, "matching:", "only records with (a filter, adds nothing to the score):");
        return;
      case Q::OP_SYNONYM: line(depth, "any of, scored as one word:"); break;
      case Q::OP_ELITE_SET: line(depth, "the best of (elite set):"); break;
      case Q::OP_MAX: line(depth, "the best-scoring of:"); break;
      case Q::OP_SCALE_WEIGHT: line(depth, "with its weight scaled:"); break;
      default: line(depth, desc + ":"); break;
    }
    for (std::size_t i = 0; i < n; ++i) walk(q.get_subquery(i), depth + 1);
  }

  std::string text() const { return m_out; }

  // The first subquery under one label, the others under another.
  void binary(const Xapian::Query& q, int depth, const char* first, const char* rest) {
    line(depth, first);
    walk(q.get_subquery(0), depth + 1);
    if (q.get_num_subqueries() < 2) return;
    line(depth, rest);
    for (std::size_t i = 1; i < q.get_num_subqueries(); ++i) walk(q.get_subquery(i), depth + 1);
  }

 private:
  void line(int depth, const std::string& s) { m_out += std::string(2 * depth, ' ') + s + '\n'; }

  // person_query()'s AND_MAYBE(floor, 0 * XNG term): the given name term, or "".
  static std::string given_name_marker(const Xapian::Query& q) {
    using Q = Xapian::Query;
    if (q.get_type() != Q::OP_AND_MAYBE || q.get_num_subqueries() != 2) return {};
    const Q s = q.get_subquery(1);
    if (s.get_type() != Q::OP_SCALE_WEIGHT || s.get_num_subqueries() != 1) return {};
    const Q t = s.get_subquery(0);
    if (t.get_type() != Q::LEAF_TERM) return {};
    std::string term = *t.get_terms_begin();
    return term.rfind(field("given_name").prefix, 0) == 0 ? term : std::string();
  }

  static std::string weighed_term(const Xapian::Query& q) {
    using Q = Xapian::Query;
    auto filtered_term = [](const Q& f) -> std::string {
      if (f.get_type() != Q::OP_FILTER || f.get_num_subqueries() != 2) return {};
      Q a = f.get_subquery(0), b = f.get_subquery(1);
      if (a.get_type() != Q::LEAF_POSTING_SOURCE || b.get_type() != Q::LEAF_TERM) return {};
      return *b.get_terms_begin();
    };
    if (std::string t = filtered_term(q); !t.empty()) return t;
    if (q.get_type() != Q::OP_OR || q.get_num_subqueries() == 0) return {};
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      if (filtered_term(q.get_subquery(i)).empty()) return {};
    }
    return filtered_term(q.get_subquery(0));
  }

  std::string term(const std::string& t) {
    bool stem = !t.empty() && t[0] == 'Z';
    std::string rest = stem ? t.substr(1) : t;
    std::size_t plen = 0;
    const Field* f = field_of(rest, plen);
    std::string value = rest.substr(plen);
    if (!value.empty() && value[0] == ':') value.erase(0, 1);
    // Issue 16: a stem of another language, "Z:fr:port" (document.h stem_prefix()).
    std::string lang = "English";
    if (const std::size_t c = stem ? value.find(':') : std::string::npos; c != std::string::npos && c <= 3) {
      const std::string_view code = std::string_view(value).substr(0, c);
      if (has_stemmer(code)) {
        const std::string_view n = stemmer_name(code);
        lang = n == "kraaij_pohlmann" ? "Dutch"
               : n.empty()            ? "\"" + std::string(code) + "\" dictionary"
                                      : std::string(n);
        lang[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(lang[0])));
        value.erase(0, c + 1);
      }
    }
    if (!f) {
      if (stem && lang != "English") return fmt::format("any word with the {} stem \"{}\"", lang, value);
      if (stem) return fmt::format("any word with the English stem \"{}\" (a lower-case query word is stemmed)", value);
      return fmt::format("the word \"{}\"", value);
    }
    const std::string name(f->name);
    if (name == "name_tier") return {};
    if (name == "person") return fmt::format("person: a name word spelled \"{}\"", value);
    if (name == "person_exact") return fmt::format("person: exactly the spelling \"{}\"", value);
    if (name == "person_key") {
      auto spellings = person_spellings(t, value);
      return fmt::format("person: any spelling with the match key \"{}\"{}", value,
                         spellings.empty() ? std::string(" (none in this index)")
                                           : " — spellings in this index: " + join(spellings, ", "));
    }
    if (name == "name_word") {
      // "=" + the word: a word of the record's language, which matches only as spelled (name_floor.h).
      if (!value.empty() && value[0] == '=')
        return fmt::format(
            "a word written as a name, spelled \"{}\" (a word of the language too: no other spelling; the name "
            "floor: ranked below registered names)",
            value.substr(1));
      // "^" + a key: a word the record writes only opening a name ("Hermann Bahr").
      if (value.rfind("^=", 0) == 0)
        return fmt::format(
            "a word written only opening a name, spelled \"{}\" (a word of the language too; a one-word person: "
            "query asks for it only when no record of this collection calls someone by it as a given name; the name "
            "floor: ranked below registered names)",
            value.substr(2));
      if (!value.empty() && value[0] == '^')
        return fmt::format(
            "a word written only opening a name, any spelling with the match key \"{}\" (a one-word person: query "
            "asks for it only when no record of this collection calls someone by it as a given name; the name floor: "
            "ranked below registered names)",
            value.substr(1));
      return fmt::format(
          "a word written as a name, any spelling with the match key \"{}\" (the name floor: "
          "ranked below registered names)",
          value);
    }
    if (name == "person_surname" && !value.empty() && value[0] == '^')
      return fmt::format(
          "person: a registered name whose surname is unsure opens with a word of the match key \"{}\" (asked only "
          "when no record of this collection calls someone by it as a given name)",
          value.substr(1));
    if (name == "person_given")
      return fmt::format("person: given name compatible (surname key and initial \"{}\")", value);
    if (name == "place") return fmt::format("place: \"{}\" (every name of it)", value);
    if (name == "within") return fmt::format("within: \"{}\" or a place in it", value);
    if (name == "id") return fmt::format("record id {}", value);
    if (f->kind == FieldKind::boolean) return fmt::format("{} is \"{}\"", name, value);
    if (stem) return fmt::format("{}: any word with the {} stem \"{}\"", name, lang, value);
    return fmt::format("{}: the word \"{}\"", name, value);
  }

  // The spellings (XPX terms) of records carrying a person key term.
  std::vector<std::string> person_spellings(const std::string& key_term, const std::string& key) {
    std::set<std::string> seen;
    const std::string xpx(field("person_exact").prefix);
    unsigned docs = 0;
    for (auto p = m_db.postlist_begin(key_term); p != m_db.postlist_end(key_term) && docs < 50; ++p, ++docs) {
      auto t = m_db.termlist_begin(*p);
      t.skip_to(xpx);
      for (; t != m_db.termlist_end(*p); ++t) {
        std::string w = *t;
        if (w.compare(0, xpx.size(), xpx) != 0) break;
        w.erase(0, xpx.size());
        if (name_key(fold_name(w)) == key) seen.insert(w);
      }
    }
    return {seen.begin(), seen.end()};
  }

  std::string wildcard(const std::string& pattern) {
    std::size_t plen = 0;
    const Field* f = field_of(pattern, plen);
    std::vector<std::string> words;
    std::size_t count = 0;
    for (auto it = m_db.allterms_begin(pattern); it != m_db.allterms_end(pattern); ++it) {
      if (++count <= 12) words.push_back((*it).substr(plen));
    }
    return fmt::format("{}any word starting with \"{}\": {} in this index{}{}", f ? std::string(f->name) + ": " : "",
                       pattern.substr(plen), count, count ? " — " : "",
                       join(words, ", ") + (count > 12 ? ", ..." : ""));
  }

  static std::string value_range(const std::string& desc) {
    std::smatch m;
    if (!std::regex_search(desc, m, std::regex("VALUE_(LE|GE|RANGE) (\\d+) (\\S+?)(?: (\\S+?))?\\)*$"))) return desc;
    const std::string op = m[1];
    const unsigned s = static_cast<unsigned>(std::stoul(m[2]));
    const std::string a = m[3], b = m[4];
    if (s == slot::date_start && op == "LE")
      return fmt::format("dated: the record's date starts on or before {}", date_key_readable(a));
    if (s == slot::date_end && op == "GE")
      return fmt::format("dated: the record's date ends on or after {}", date_key_readable(a));
    if (s == slot::date_start && op == "GE" && a == "0") return "dated (any date)";
    if (s == slot::date_start && op == "GE")
      return fmt::format("dated: the record's date starts on or after {}", date_key_readable(a));
    if (s == slot::date_end && op == "LE")
      return fmt::format("dated: the record's date ends on or before {}", date_key_readable(a));
    if (s == slot::sort_asc && op == "GE" && a == "99999999") return "undated records";
    // Numbers are stored sortable_serialise()d (not printable).
    auto shown = [](std::string v) {
      // The description escapes bytes as \xHH.
      std::string raw;
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (v.compare(i, 2, "\\x") == 0 && i + 3 < v.size() && std::isxdigit(static_cast<unsigned char>(v[i + 2])) &&
            std::isxdigit(static_cast<unsigned char>(v[i + 3]))) {
          raw += static_cast<char>(std::stoi(v.substr(i + 2, 2), nullptr, 16));
          i += 3;
        } else {
          raw += v[i];
        }
      }
      v = raw;
      bool printable = std::all_of(v.begin(), v.end(), [](char c) { return c >= ' ' && c < 0x7f; });
      return printable ? v : fmt::format("{}", Xapian::sortable_unserialise(v));
    };
    if (op == "RANGE") return fmt::format("value slot {} between {} and {}", s, shown(a), shown(b));
    return fmt::format("value slot {} {} {}", s, op == "LE" ? "<=" : ">=", shown(a));
  }

  const Xapian::Database& m_db;
  std::string m_out;
};

}  // namespace

std::string explain_query(const Xapian::Database& db, const Xapian::Query& q) {
  Explainer e(db);
  e.walk(q, 0);
  return e.text();
}

}  // namespace opis
