// The query front end: Xapian's QueryParser configured from the schema, with
// field processors for dates and exact fields.
#include "opis/search/query_builder.h"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "opis/base/language_id.h"
#include "opis/base/text.h"
#include "opis/index/document.h"
#include "opis/index/entity_terms.h"
#include "opis/index/language_stemmer.h"
#include "opis/index/schema.h"
#include "opis/search/entity_query.h"

namespace opis {

namespace {

// The English stop words of the Snowball project's list. Xapian 1.4 ships no
// stop list in its library, so it is written here. Stop words are indexed;
// the parser drops them outside phrases only, so "the bay of pigs" matches.
// (Not reformatted: a word list, not a table of columns.)
// clang-format off
constexpr const char* kStopWords[] = {
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
    "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had",
    "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how",
    "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself",
    "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours",
    "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that",
    "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "you", "your", "yours",
    "yourself", "yourselves"};
// clang-format on

const Xapian::Stopper& stopper() {
  // Not configuration: Snowball's fixed English list, immutable once built.
  static const Xapian::SimpleStopper s(std::begin(kStopWords), std::end(kStopWords));
  return s;
}

// Our field processors never throw. Xapian 1.4's QueryParser does not
// survive an exception thrown from a FieldProcessor inside some
// constructions: fuzz_query found `+date:i7 +date:x` freeing a pointer
// that was never allocated inside parse_query (opis-search aborted with
// "free(): invalid pointer"). So a processor keeps the first error here
// and matches nothing, and build_query() throws it once parse_query() has
// returned.
using ParseErrorSlot = std::shared_ptr<std::string>;

class GuardedFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit GuardedFieldProcessor(ParseErrorSlot error) : m_error(std::move(error)) {}
  Xapian::Query operator()(const std::string& str) final {
    try {
      return process(str);
    } catch (const std::exception& e) {
      if (m_error->empty()) *m_error = e.what();
    } catch (const Xapian::Error& e) {
      if (m_error->empty()) *m_error = e.get_msg();
    }
    return Xapian::Query::MatchNothing;
  }

 protected:
  virtual Xapian::Query process(const std::string& str) = 0;

 private:
  ParseErrorSlot m_error;
};

// `date:1958`, `date:1958-11..1958-12`, `date:1958..`, `date:undated`.
class DateFieldProcessor : public GuardedFieldProcessor {
 public:
  DateFieldProcessor(DateMode mode, ParseErrorSlot error) : GuardedFieldProcessor(std::move(error)), m_mode(mode) {}
  Xapian::Query process(const std::string& str) override { return parse_date_range(str, m_mode); }

 private:
  DateMode m_mode;
};

// `page:9`, `page:8..11` (schema field kind range).
class PageFieldProcessor : public GuardedFieldProcessor {
 public:
  using GuardedFieldProcessor::GuardedFieldProcessor;
  Xapian::Query process(const std::string& str) override { return parse_page_query(str); }
};

// Exact fields: the very term the writer stores, boolean_term(): folded
// (lang:Russian = lang:russian) except for id, url and path, and capped
// with a hash when long, so `id:`/`url:` of a 1,000-byte value finds it.
class BooleanFieldProcessor : public GuardedFieldProcessor {
 public:
  BooleanFieldProcessor(const Field& f, ParseErrorSlot error) : GuardedFieldProcessor(std::move(error)), m_field(f) {}
  Xapian::Query process(const std::string& str) override {
    // textlang: takes a name too (textlang:german is textlang:de).
    if (m_field.name == "textlang") return Xapian::Query(boolean_term(m_field, language_code(str)));
    return Xapian::Query(boolean_term(m_field, str));
  }

 private:
  const Field& m_field;
};

// person:, place:, within: (entity_terms.h builds their queries). Their
// matches are ranked, so they are free-text prefixes, not boolean filters.
//
// Xapian 1.4's QueryParser does not pass a quoted value of a free-text
// prefix to its FieldProcessor (person:"Abdul Majid Hassan" parses to an
// empty query), so quoted entity values are taken out of the query string
// first (quote_entity_values) and stand in it as placeholders.
class EntityFieldProcessor : public GuardedFieldProcessor {
 public:
  EntityFieldProcessor(const Field& f, const std::vector<std::string>& quoted, const std::string& gazetteer,
                       const Xapian::Database& db, ParseErrorSlot error)
      : GuardedFieldProcessor(std::move(error)), m_field(f), m_quoted(quoted), m_gazetteer(gazetteer), m_db(db) {}
  Xapian::Query process(const std::string& raw) override {
    std::string str = raw;
    if (raw.rfind(kPlaceholder, 0) == 0) {
      std::size_t n = std::strtoul(raw.c_str() + kPlaceholder.size(), nullptr, 10);
      if (n < m_quoted.size()) str = m_quoted[n];
    }
    if (m_field.name == "person") return person_query(str, m_gazetteer, &m_db);
    if (m_field.name == "place") return place_query(str, m_gazetteer);
    return within_query(str, m_gazetteer);
  }
  static constexpr std::string_view kPlaceholder = "opisquoted";

 private:
  const Field& m_field;
  const std::vector<std::string>& m_quoted;
  const std::string m_gazetteer;  ///< QueryOptions::gazetteer
  const Xapian::Database& m_db;   ///< its given names (person_query())
};

// Replace every `person:VALUE` (and place:, within:) by
// `person:opisquotedN`, keeping the value in `quoted`. VALUE is `"..."`, a
// bare word up to a space or ')', or either after '=' (exact spelling, kept
// with its '='). Xapian's parser passes neither a quoted value nor one
// starting with '=' to a FieldProcessor, and it cut place:Alsace-Lorraine at
// the hyphen and person:d'Indy at the apostrophe and passed nothing. A
// group (person:(A OR B)) is left to the parser.
std::string quote_entity_values(const std::string& text, std::vector<std::string>& quoted) {
  std::vector<std::string> heads;
  for (const Field& f : fields()) {
    if (f.kind == FieldKind::entity) heads.push_back(std::string(f.name) + ":");
  }
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::string* head = nullptr;
    if (i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]))) {
      for (const auto& h : heads) {
        if (text.compare(i, h.size(), h) == 0) head = &h;
      }
    }
    std::size_t v = head ? i + head->size() : 0;
    const bool exact = head && v < text.size() && text[v] == '=';
    if (exact) ++v;
    if (!head || v >= text.size() || (!exact && std::strchr(" \t\n(", text[v]))) {
      out += text[i++];
      continue;
    }
    std::string value;
    if (text[v] == '"') {
      std::size_t close = text.find('"', v + 1);
      if (close == std::string::npos) close = text.size();
      value = text.substr(v + 1, close - v - 1);
      i = close + 1;
    } else {
      std::size_t end = text.find_first_of(" \t\n)", v);
      if (end == std::string::npos) end = text.size();
      value = text.substr(v, end - v);
      i = end;
    }
    quoted.push_back((exact ? "=" : "") + value);
    out += *head + std::string(EntityFieldProcessor::kPlaceholder) + std::to_string(quoted.size() - 1);
  }
  return out;
}

// `=congrès`: the word as written, accents and all (lower-cased as the
// TermGenerator lower-cases), unstemmed: the term make_document() keeps
// beside the folded one.
class ExactWordProcessor : public GuardedFieldProcessor {
 public:
  using GuardedFieldProcessor::GuardedFieldProcessor;
  Xapian::Query process(const std::string& str) override { return Xapian::Query(Xapian::Unicode::tolower(str)); }
  static constexpr std::string_view kName = "opisexact";
};

// The stems of the query's words in each language of `langs` (issue 16).
// The parser stems nothing itself (its stemmer returns the folded word, so
// its "Z" + prefix + word terms mark the words to stem); each such term
// becomes OP_SYNONYM of the word's stems, one per language, so that a word
// counts once in the weighting whichever language matched, and a record's
// stems match only words analysed in its language. Languages without a
// stemmer match the word as written (folded). Operators whose parameters
// Xapian 1.4 does not give back (NEAR's window, SCALE_WEIGHT's factor)
// hold no stemmed words from the parser and are kept as they are.
class StemExpander {
 public:
  StemExpander(const Xapian::Database& db, const std::vector<std::string>& langs, const std::string& text) : m_db(db) {
    for (const auto& l : langs) {
      if (has_stemmer(l)) {
        m_stems.emplace_back(l, language_stemmer(l));
        m_dictionary_langs += !dictionary_name(l).empty();
      } else
        m_plain = true;
    }
    // The parser sees folded words; a language's dictionary knows them as
    // written ("stronę", not "strone"): keep each folded word's form.
    std::size_t i = 0;
    while (i < text.size()) {
      auto word_byte = [&](std::size_t k) {
        const auto c = static_cast<unsigned char>(text[k]);
        return c >= 0x80 || std::isalnum(c) || c == '\'';
      };
      while (i < text.size() && !word_byte(i)) ++i;
      std::size_t end = i;
      while (end < text.size() && word_byte(end)) ++end;
      const std::string word = Xapian::Unicode::tolower(text.substr(i, end - i));
      if (!is_ascii(word)) m_written.emplace(search_fold(word), word);
      i = end;
    }
  }
  Xapian::Query operator()(const Xapian::Query& q) {
    const auto type = q.get_type();
    if (type == Xapian::Query::LEAF_TERM) {
      const std::string term = *q.get_terms_begin();
      return term.size() > 1 && term[0] == 'Z' ? expand(term.substr(1)) : q;
    }
    switch (type) {
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_OR:
      case Xapian::Query::OP_AND_NOT:
      case Xapian::Query::OP_XOR:
      case Xapian::Query::OP_AND_MAYBE:
      case Xapian::Query::OP_FILTER:
      case Xapian::Query::OP_SYNONYM:
      case Xapian::Query::OP_MAX: break;
      default: return q;
    }
    bool stemmed = false;
    for (auto t = q.get_terms_begin(); t != q.get_terms_end() && !stemmed; ++t) stemmed = (*t)[0] == 'Z';
    if (!stemmed) return q;
    std::vector<Xapian::Query> subs;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) subs.push_back((*this)(q.get_subquery(i)));
    return Xapian::Query(static_cast<Xapian::Query::op>(type), subs.begin(), subs.end());
  }

 private:
  // `term` is field prefix + folded word.
  Xapian::Query expand(const std::string& term) {
    std::size_t body = 0;
    while (body < term.size() && term[body] >= 'A' && term[body] <= 'Z') ++body;
    const std::string prefix = term.substr(0, body);
    const std::string word = term.substr(body);
    if (word.empty() || (word[0] >= '0' && word[0] <= '9')) return Xapian::Query(term);  // no stems (document.cpp)
    std::vector<Xapian::Query> alts;
    bool plain = m_plain;
    const std::vector<std::string> accented = accented_in_index(prefix, word);
    for (auto& [code, stem] : m_stems) {
      alts.emplace_back(stem_prefix(prefix, code) + stem(written(word)));
      if (dictionary_name(code).empty()) continue;
      // A word typed without its accents, in a language whose stems are a
      // dictionary's lemmas (which know words with their accents only):
      // the stems of its accented forms, those the index holds
      // ("miljovariabeln" -> "miljövariabeln") and those the dictionary
      // suggests ("podrecznika" -> "podręcznika"), and the word as typed.
      std::vector<std::string> more = accented_stems(code, word);
      for (const auto& w : accented) more.push_back(stem(w));
      for (const auto& st : more) alts.emplace_back(stem_prefix(prefix, code) + st);
      plain = plain || !more.empty();
    }
    if (plain) alts.emplace_back(term);
    if (alts.size() == 1) return alts[0];
    return Xapian::Query(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
  }
  // The accented words of the index that fold to `word` (ASCII, as typed):
  // the words as written beside the folded term in a record that has it
  // (make_document() indexes both). One record's words: a cheap look, not
  // a scan of the vocabulary; an accent on the first letter is not seen.
  std::vector<std::string> accented_in_index(const std::string& prefix, const std::string& word) const {
    std::vector<std::string> out;
    if (!is_ascii(word) || m_dictionary_langs == 0) return out;
    const std::string folded_term = prefix + word;
    auto p = m_db.postlist_begin(folded_term);
    if (p == m_db.postlist_end(folded_term)) return out;
    const std::string head = prefix + word.substr(0, 1);
    auto t = m_db.termlist_begin(*p);
    for (t.skip_to(head); t != m_db.termlist_end(*p); ++t) {
      const std::string& w = *t;
      if (w.compare(0, head.size(), head) != 0) break;
      if (w.size() > folded_term.size() && !is_ascii(w) && search_fold(w.substr(prefix.size())) == word)
        out.push_back(w.substr(prefix.size()));
    }
    return out;
  }
  const std::string& written(const std::string& folded) const {
    const auto it = m_written.find(folded);
    return it == m_written.end() ? folded : it->second;
  }
  const Xapian::Database& m_db;
  std::vector<std::pair<std::string, Xapian::Stem>> m_stems;
  std::size_t m_dictionary_langs = 0;            ///< languages of m_stems with a dictionary
  std::map<std::string, std::string> m_written;  ///< folded word -> as written, for words with accents
  bool m_plain = false;
};

// The parser's stemmer when StemExpander stems: the word itself.
class KeepWord : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override { return word; }
  std::string get_description() const override { return "KeepWord"; }
};

// The query text with its words lower-cased, except the operators (AND,
// OR, NOT, XOR, NEAR, ADJ, and NEAR/n, ADJ/n) and field:value tokens (an
// exact field's value must stay as written).
std::string lower_words(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = text.find_first_of(" \t\n", i);
    if (end == std::string::npos) end = text.size();
    const std::string token = text.substr(i, end - i);
    const std::string head = token.substr(0, token.find('/'));
    const bool op = head == "AND" || head == "OR" || head == "NOT" || head == "XOR" || head == "NEAR" || head == "ADJ";
    out += op || token.find(':') != std::string::npos ? token : search_fold(token);
    if (end < text.size()) out += text[end];
    i = end + 1;
  }
  return out;
}

// The language a query narrows its stems to: --lang, else a textlang:
// filter in the query text; "" none. Not lang:, the original language: a
// record whose original is Russian is most often an English translation.
std::string narrowed_language(const std::string& text, const QueryOptions& opts) {
  if (!opts.language.empty()) return language_code(opts.language);
  for (std::string_view head : {"textlang:"}) {
    for (std::size_t at = text.find(head); at != std::string::npos; at = text.find(head, at + 1)) {
      if (at > 0 && std::isalnum(static_cast<unsigned char>(text[at - 1]))) continue;
      std::size_t v = at + head.size();
      std::size_t end = text.find_first_of(" \t\n)", v);
      std::string value = text.substr(v, end == std::string::npos ? std::string::npos : end - v);
      if (!value.empty() && value[0] == '"') value = value.substr(1, value.find('"', 1) - 1);
      if (!value.empty()) return language_code(value);
    }
  }
  return "";
}

std::string date_key_or_throw(const std::string& text, bool end) {
  auto d = parse_query_date(text);
  if (!d) {
    throw QueryError(fmt::format("cannot read date '{}': use YYYY, YYYY-MM, YYYY-MM-DD or 'November 19, 1958'", text));
  }
  return end ? d->end.key() : d->start.key();
}

}  // namespace

Xapian::Query date_overlap_query(const std::optional<Date>& from, const std::optional<Date>& to) {
  // A record [s, e] overlaps [from, to] when s <= to.end and e >= from.start.
  // Records without a date have no values and so never match.
  std::vector<Xapian::Query> parts;
  if (to) parts.emplace_back(Xapian::Query::OP_VALUE_LE, slot::date_start, to->end.key());
  if (from) parts.emplace_back(Xapian::Query::OP_VALUE_GE, slot::date_end, from->start.key());
  if (parts.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot::date_start, "0");
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Xapian::Query date_range_query(const std::optional<Date>& from, const std::optional<Date>& to, DateMode mode) {
  if (mode == DateMode::overlap) return date_overlap_query(from, to);
  // Within: from.start <= s and e <= to.end.
  std::vector<Xapian::Query> parts;
  if (from) parts.emplace_back(Xapian::Query::OP_VALUE_GE, slot::date_start, from->start.key());
  if (to) parts.emplace_back(Xapian::Query::OP_VALUE_LE, slot::date_end, to->end.key());
  parts.emplace_back(Xapian::Query::OP_VALUE_GE, slot::date_start, "0");  // dated at all
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Xapian::Query parse_page_query(const std::string& raw) {
  std::string text = trim_copy(raw);
  auto number = [&](std::string_view s) {
    s = trim(s);
    bool ok = !s.empty() && s.size() <= 6;
    for (char c : s) ok = ok && std::isdigit(static_cast<unsigned char>(c));
    if (!ok || std::stoi(std::string(s)) == 0) {
      throw QueryError(fmt::format("cannot read page '{}': use a number (page:9) or a range (page:8..11)", text));
    }
    return std::stoi(std::string(s));
  };
  int first, last;
  if (auto dots = text.find(".."); dots != std::string::npos) {
    first = number(std::string_view(text).substr(0, dots));
    last = number(std::string_view(text).substr(dots + 2));
    if (last < first) throw QueryError(fmt::format("page range '{}' ends before it starts", text));
  } else {
    first = last = number(text);
  }
  // The reference's pages [a, b] overlap [first, last]: a <= last, b >= first.
  return Xapian::Query(Xapian::Query::OP_AND,
                       Xapian::Query(Xapian::Query::OP_VALUE_LE, slot::page_first, Xapian::sortable_serialise(last)),
                       Xapian::Query(Xapian::Query::OP_VALUE_GE, slot::page_last, Xapian::sortable_serialise(first)));
}

Xapian::Query parse_date_range(const std::string& text) { return parse_date_range(text, DateMode::overlap); }

Xapian::Query parse_date_range(const std::string& raw, DateMode mode) {
  std::string text = trim_copy(raw);
  std::string lower = ascii_lower(text);
  if (lower == "undated" || lower == "n.d." || lower == "none") {
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot::sort_asc, "99999999");
  }
  if (lower == "uncertain" || lower == "supplied" || lower == "range") {
    return Xapian::Query(prefixed_term(field("date_flag"), lower));
  }
  auto dots = text.find("..");
  std::optional<Date> from, to;
  if (dots == std::string::npos) {
    auto d = parse_query_date(text);
    if (!d) date_key_or_throw(text, false);  // throws with the message
    from = to = d;
  } else {
    std::string a = trim_copy(text.substr(0, dots));
    std::string b = trim_copy(text.substr(dots + 2));
    if (a.empty() && b.empty()) throw QueryError("empty date range '..': give at least one end");
    if (!a.empty()) {
      date_key_or_throw(a, false);
      from = parse_query_date(a);
    }
    if (!b.empty()) {
      date_key_or_throw(b, true);
      to = parse_query_date(b);
    }
    if (from && to && from->start.key() > to->end.key()) {
      throw QueryError(fmt::format("date range '{}' ends before it starts", text));
    }
  }
  return date_range_query(from, to, mode);
}

const Xapian::Stopper& stop_words() { return stopper(); }

std::vector<std::string> index_languages(const Xapian::Database& db) {
  std::vector<std::string> langs;
  const std::string prefix(field("textlang").prefix);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
    langs.push_back((*t).substr(prefix.size()));
  return langs;
}

std::string fold_query_text(const std::string& text) {
  std::vector<std::string> exact_heads;  // "id:", "url:" ...: values kept as written
  for (const Field& f : fields()) {
    if (f.kind == FieldKind::text || f.kind == FieldKind::entity) continue;
    exact_heads.push_back(std::string(f.name) + ":");
    if (!f.alias.empty()) exact_heads.push_back(std::string(f.alias) + ":");
  }
  std::string out, pending;  // pending: text to fold
  auto flush = [&] {
    out += search_fold(pending, false);
    pending.clear();
  };
  auto word_start = [&](std::size_t i) { return i == 0 || std::strchr(" \t\n(+-", text[i - 1]) != nullptr; };
  // The value from `v`: "..." or up to a space or ')'.
  auto value_end = [&](std::size_t v) {
    if (v < text.size() && text[v] == '"') {
      std::size_t close = text.find('"', v + 1);
      return close == std::string::npos ? text.size() : close + 1;
    }
    std::size_t end = text.find_first_of(" \t\n)", v);
    return end == std::string::npos ? text.size() : end;
  };
  for (std::size_t i = 0; i < text.size();) {
    if (word_start(i) && text[i] == '=' && i + 1 < text.size() && !std::strchr(" \t\n\"()", text[i + 1])) {
      flush();
      std::size_t end = value_end(i + 1);
      out += std::string(ExactWordProcessor::kName) + ":" + text.substr(i + 1, end - i - 1);
      i = end;
      continue;
    }
    const std::string* head = nullptr;
    if (word_start(i)) {
      for (const auto& h : exact_heads) {
        if (text.compare(i, h.size(), h) == 0) head = &h;
      }
    }
    if (head) {
      flush();
      std::size_t end = value_end(i + head->size());
      out += text.substr(i, end - i);
      i = end;
      continue;
    }
    pending += text[i++];
  }
  flush();
  return out;
}

Xapian::Query build_query(const Xapian::Database& db, const std::string& text, const QueryOptions& opts) {
  return build_query(db, text, opts, nullptr);
}

Xapian::Query build_query(const Xapian::Database& db, const std::string& text, const QueryOptions& opts,
                          std::string* corrected) {
  Xapian::Query q;
  if (trim(text).empty()) {
    q = Xapian::Query::MatchAll;
  } else {
    std::vector<std::string> quoted;  // values of person:"...", place:"...", within:"..."
    std::string parsed_text = fold_query_text(quote_entity_values(text, quoted));
    Xapian::QueryParser qp;
    auto error = std::make_shared<std::string>();  // the first field processor error
    qp.set_database(db);
    // Issue 16: the words are stemmed in each language the index holds
    // (StemExpander), all of them, capitalised or not. An index of English
    // alone is parsed as before: English stems, capitalised words as written.
    std::vector<std::string> langs = index_languages(db);
    if (const std::string only = narrowed_language(text, opts); !only.empty()) langs = {only};
    const bool english_only = langs.empty() || (langs.size() == 1 && langs[0] == "en");
    if (english_only) {
      qp.set_stemmer(Xapian::Stem("english"));
      qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    } else {
      // STEM_SOME on lower-cased words: every word is stemmed (case never
      // decides), and words of phrases and NEAR stay unstemmed, with
      // positions (STEM_ALL_Z stems NEAR's words, which then match nothing).
      qp.set_stemmer(Xapian::Stem(new KeepWord));
      qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
      parsed_text = lower_words(parsed_text);
    }
    qp.add_prefix(std::string(ExactWordProcessor::kName), (new ExactWordProcessor(error))->release());
    qp.set_stopper(&stopper());
    qp.set_default_op(opts.match_any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
    qp.set_max_expansion(1000, Xapian::Query::WILDCARD_LIMIT_ERROR);
    for (const Field& f : fields()) {
      std::vector<std::string> names{std::string(f.name)};
      if (!f.alias.empty()) names.emplace_back(f.alias);
      for (const auto& n : names) {
        if (f.kind == FieldKind::internal) continue;
        if (f.kind == FieldKind::range) {
          qp.add_boolean_prefix(n, (new PageFieldProcessor(error))->release());
          continue;
        }
        if (f.kind == FieldKind::entity) {
          qp.add_prefix(n, (new EntityFieldProcessor(f, quoted, opts.gazetteer, db, error))->release());
          continue;
        }
        if (f.kind == FieldKind::text) {
          qp.add_prefix(n, std::string(f.prefix));
        } else if (f.name == "year" || f.name == "month" || f.name == "day") {
          qp.add_boolean_prefix(n, std::string(f.prefix));
        } else {
          qp.add_boolean_prefix(n, (new BooleanFieldProcessor(f, error))->release());
        }
      }
    }
    qp.add_boolean_prefix("date", (new DateFieldProcessor(opts.date_mode, error))->release());
    unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                     Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                     Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_CJK_NGRAM;
    if (corrected) flags |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
    try {
      q = qp.parse_query(parsed_text, flags);
    } catch (const Xapian::QueryParserError& e) {
      throw QueryError(fmt::format("cannot parse query '{}': {}", text, e.get_msg()));
    }
    if (!error->empty()) throw QueryError(*error);
    if (corrected) {
      // The respelled query, with quoted person:/place: values put back.
      *corrected = qp.get_corrected_query_string();
      for (std::size_t n = quoted.size(); n-- > 0;) {
        std::string ph = std::string(EntityFieldProcessor::kPlaceholder) + std::to_string(n);
        for (std::size_t at; (at = corrected->find(ph)) != std::string::npos;)
          corrected->replace(at, ph.size(), "\"" + quoted[n] + "\"");
      }
    }
    if (q.empty()) {
      // Only stop words ("the of"): search them as written rather than
      // returning nothing.
      qp.set_stopper(nullptr);
      q = qp.parse_query(parsed_text, flags);
      if (!error->empty()) throw QueryError(*error);
    }
    if (!english_only) q = StemExpander(db, langs, text)(q);
  }
  if (!opts.language.empty()) {
    q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                      Xapian::Query(boolean_term(field("textlang"), language_code(opts.language))));
  }
  if (opts.from || opts.to) {
    q = Xapian::Query(Xapian::Query::OP_FILTER, q, date_range_query(opts.from, opts.to, opts.date_mode));
  }
  return q;
}

}  // namespace opis
