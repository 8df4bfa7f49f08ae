// The document codec: Record -> Xapian document by the schema, and back.
#include "opis/index/document.h"

#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "opis/base/language.h"
#include "opis/entities/name_key.h"
#include "opis/index/entity_terms.h"
#include "opis/index/schema.h"
#include "opis/record/citation.h"

namespace opis {

namespace {

// Index one text field: prefixed, and unprefixed too when the schema says it
// belongs to plain-word search. increase_termpos() keeps phrases from
// matching across the boundary between two fields or two names.
void index_field(Xapian::TermGenerator& tg, std::string_view name, std::string_view text) {
  if (text.empty()) return;
  const Field& f = field(name);
  std::string t(text);
  if (f.in_default) {
    tg.index_text(t, f.weight);
    tg.increase_termpos();
  }
  tg.index_text(t, 1, std::string(f.prefix));
  tg.increase_termpos();
}

void index_names(Xapian::TermGenerator& tg, std::string_view name, const std::vector<std::string>& names) {
  for (const auto& n : names) index_field(tg, name, n);
}

// Xapian's Snowball stemmer computes every occurrence afresh: a record of
// 1,160 words stems each of them, and stemming was 12% of making a document
// (bench/index_stages.cpp) and 7% of a search (MSet::snippet() stems each
// word of the texts it reads). This wraps it with a memo of the words already
// seen; Xapian offers the hook (StemImplementation) but no cache. One
// instance belongs to one TermGenerator, so to one thread: no locking.
class CachingStem : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override {
    if (auto it = m_memo.find(word); it != m_memo.end()) return it->second;
    // Bounded: a collection's vocabulary is a few hundred thousand words;
    // start afresh rather than grow without end on hostile input.
    if (m_memo.size() >= kMaxWords) m_memo.clear();
    return m_memo.emplace(word, m_stem(word)).first->second;
  }
  std::string get_description() const override { return "CachingStem(" + m_stem.get_description() + ")"; }

 private:
  static constexpr std::size_t kMaxWords = 500000;
  Xapian::Stem m_stem{"english"};
  std::unordered_map<std::string, std::string> m_memo;
};

// "l'Alsace-Lorraine", "d'Haskell", "dell'Italia": Xapian's TermGenerator
// keeps an elided article in the word ("l'alsace"), so neither the phrase
// "Alsace-Lorraine" nor the word Haskell found a French record that writes
// them after an article. Each such word is indexed once more without the
// article (entities' elision_length(), the list fold_name() uses), at the
// same positions and with the same weight, in the same field, and its stem
// as the TermGenerator makes stems ("Z" + prefix + stem). The word as
// written stays, so "l'Alsace" still finds it too. Runs over the text terms
// only, before any boolean term (an id with an apostrophe is no word).
void add_unelided_terms(Xapian::Document& doc) {
  struct Extra {
    std::string prefix, word;
    std::vector<Xapian::termpos> positions;
    Xapian::termcount wdf;
  };
  std::vector<Extra> extra;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string& term = *t;
    if (term.empty() || term[0] == 'Z' || term.find('\'') == std::string::npos) continue;  // stems: made below
    std::size_t body = 0;
    while (body < term.size() && term[body] >= 'A' && term[body] <= 'Z') ++body;
    const std::string_view word = std::string_view(term).substr(body);
    const std::size_t e = elision_length(word);
    if (e == 0) continue;
    Extra x{term.substr(0, body), std::string(word.substr(e)), {}, t.get_wdf()};
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) x.positions.push_back(*p);
    extra.push_back(std::move(x));
  }
  if (extra.empty()) return;
  Xapian::Stem stem("english");  // the algorithm of make_stemmer(), without its memo: few words
  for (const auto& x : extra) {
    const std::string term = x.prefix + x.word;
    for (Xapian::termpos p : x.positions) doc.add_posting(term, p, 0);
    doc.add_term(term, x.wdf);
    doc.add_term("Z" + x.prefix + stem(x.word), x.wdf);
  }
}

}  // namespace

Xapian::Stem make_stemmer() { return Xapian::Stem(new CachingStem); }

Xapian::TermGenerator make_term_generator() {
  Xapian::TermGenerator tg;
  tg.set_stemmer(make_stemmer());
  // STEM_SOME: each word as written (with positions, for phrases) and its
  // stem with the Z prefix (no positions: phrases use the exact words).
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  return tg;
}

Xapian::Document make_document(const Record& source, Xapian::TermGenerator& tg, const IndexContext& ctx) {
  // Persons and places are extracted here, once per record, unless turned
  // off (opis-index --no-extract: no extractor); the stored record carries them.
  Record extracted;
  const Record& r = with_entities(source, extracted, ctx.extractor);
  Xapian::Document doc;
  tg.set_document(doc);

  // Body first: the unprefixed default field, weight 1.
  if (!r.body.empty()) {
    tg.index_text(r.body, kBodyWeight);
    tg.increase_termpos();
  }
  index_field(tg, "title", r.title);
  index_field(tg, "summary", r.summary);
  index_field(tg, "series", r.series);
  for (const auto& h : r.handwritten) index_field(tg, "handwritten", h);
  for (const auto& n : r.footnotes) index_field(tg, "footnote", n.text);
  index_names(tg, "contributor", r.contributors);
  index_names(tg, "translator", r.translators);
  index_names(tg, "transcriber", r.transcribers);
  index_names(tg, "editor", r.editors);
  index_field(tg, "archive", r.archive);
  index_field(tg, "ref", r.reference);
  index_field(tg, "citation", r.citation);
  index_field(tg, "funder", r.credits);
  if (!r.funder.empty() && r.credits.find(r.funder) == std::string::npos) index_field(tg, "funder", r.funder);
  for (const auto& [label, text] : r.extra) tg.index_text(text, kBodyWeight);
  add_unelided_terms(doc);
  EntityTermsOut entity_terms;
  add_entity_terms(doc, r, &entity_terms);

  // Exact fields.
  doc.add_boolean_term(id_term(r.id));
  if (!r.repository.empty()) doc.add_boolean_term(boolean_term(field("repo"), r.repository));
  // The archive reference's parts: exact terms, and the pages (leaves) as
  // an interval in two value slots for page:N.
  if (ReferenceParts ref = parse_reference(r.reference); !ref.system.empty()) {
    if (!ref.fond.empty()) doc.add_boolean_term(boolean_term(field("fond"), ref.fond));
    if (!ref.opis.empty()) doc.add_boolean_term(boolean_term(field("opis"), ref.opis));
    if (!ref.delo.empty()) doc.add_boolean_term(boolean_term(field("delo"), ref.delo));
    if (!ref.record_group.empty()) doc.add_boolean_term(boolean_term(field("rg"), ref.record_group));
    if (ref.first_page > 0) {
      doc.add_value(slot::page_first, Xapian::sortable_serialise(ref.first_page));
      doc.add_value(slot::page_last, Xapian::sortable_serialise(ref.last_page));
    }
  }
  for (const auto& k : language_keys(r.original_language)) doc.add_boolean_term(boolean_term(field("lang"), k));
  for (const auto& k : language_keys(r.translation_language)) doc.add_boolean_term(boolean_term(field("tlang"), k));
  if (!r.url.empty()) doc.add_boolean_term(boolean_term(field("url"), r.url));
  for (const auto& c : r.cites) doc.add_boolean_term(boolean_term(field("cites"), c));
  if (!r.source.empty()) doc.add_boolean_term(boolean_term(field("path"), r.source));

  // Dates: Omega's Y/M/D terms to the record's precision (a Y term for each
  // year of a range or decade, M and D only when the date is one month or
  // one day), and the interval searched (circa widened, date.h) in two
  // value slots for range queries; flags as XDATE terms (date:uncertain).
  doc.add_value(slot::id, r.id);
  if (r.date.known()) {
    const Ymd& s = r.date.start;
    const Ymd& e = r.date.end;
    for (int y = s.year; y <= e.year && y < s.year + 20; ++y) {
      doc.add_boolean_term(boolean_term(field("year"), fmt::format("{:04}", y)));
    }
    bool one_month = s.year == e.year && s.month == e.month;
    if (r.date.precision >= DatePrecision::month && one_month)
      doc.add_boolean_term(boolean_term(field("month"), s.key().substr(0, 6)));
    if (r.date.precision == DatePrecision::day && s == e) doc.add_boolean_term(boolean_term(field("day"), s.key()));
    doc.add_value(slot::date_start, r.date.interval_start().key());
    doc.add_value(slot::date_end, r.date.interval_end().key());
    if (r.date.uncertain()) doc.add_boolean_term(prefixed_term(field("date_flag"), "uncertain"));
    if (r.date.supplied) doc.add_boolean_term(prefixed_term(field("date_flag"), "supplied"));
    if (r.date.range || r.date.decade) doc.add_boolean_term(prefixed_term(field("date_flag"), "range"));
  }
  // Sort keys: the date (undated records after dated ones in both
  // directions), then the id, so that records of the same date come in id
  // order, ascending both ways (reversing --sort -date reverses the id
  // part back). Xapian breaks remaining ties by docid, which differs
  // between one database and shards; a unique key leaves no tie, and
  // Xapian's KeyMaker, which could do this at search time, is not
  // available through the remote backend (UnimplementedError, measured).
  std::string date_key = r.date.known() ? r.date.start.key() : "99999999";
  std::string desc_key = r.date.known() ? r.date.start.key() : "00000000";
  doc.add_value(slot::sort_asc, date_key + r.id);
  for (unsigned char c : r.id) desc_key += static_cast<char>(0xff - c);
  doc.add_value(slot::sort_desc, desc_key + '\xff');

  // Document data: the record as JSON without its body, a NUL, then the
  // body as is. Results then parse a few hundred bytes of JSON instead of
  // the whole text (measured 4x faster per query, bench/query_bench.cpp).
  nlohmann::json data = to_json(r);
  data.erase("body");
  // Each person's and place's name terms, so that a search tells which of
  // them a query matched without folding their names again (Person::terms).
  for (std::size_t i = 0; i < entity_terms.persons.size() && i < data["persons"].size(); ++i) {
    data["persons"][i]["terms"] = entity_terms.persons[i];
  }
  for (std::size_t i = 0; i < entity_terms.places.size() && i < data["places"].size(); ++i) {
    data["places"][i]["term"] = entity_terms.places[i];
  }
  std::string stored = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  stored += '\0';
  stored += r.body;
  doc.set_data(stored);
  return doc;
}

namespace {

// The end of the JSON value starting at `i` in `json` (Opis's own compact
// dump: no white space): a string, a number or literal, or an object or
// array with everything in it.
std::size_t skip_json_value(std::string_view json, std::size_t i) {
  int depth = 0;
  bool in_string = false;
  for (; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
        if (depth == 0) return i + 1;  // a string value ends
      }
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{' || c == '[')
      ++depth;
    else if (c == '}' || c == ']') {
      if (depth == 0) return i;  // the end of the enclosing object
      if (--depth == 0) return i + 1;
    } else if (c == ',' && depth == 0) {
      return i;
    }
  }
  return json.size();
}

// The stored record's JSON without its top-level "persons" and "places"
// members. Most results show no names, and those two are four fifths of
// the JSON: nlohmann lexes every byte even of members a callback drops,
// which made parsing 34% of a whole search (callgrind, `opis-search
// upon`). nlohmann cannot skip a subtree unread, hence this scan.
std::string without_entities(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  std::size_t copied = 0;
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == '"') {
      const bool key = depth == 1 && i > 0 && (json[i - 1] == '{' || json[i - 1] == ',');
      std::size_t value = 0;
      for (std::string_view k : {std::string_view("\"persons\":"), std::string_view("\"places\":")}) {
        if (key && json.substr(i, k.size()) == k) value = i + k.size();
      }
      if (!value) {
        in_string = true;
        continue;
      }
      // Drop `"key":value` and the comma before it (or after it, first).
      std::size_t end = skip_json_value(json, value);
      std::size_t from = json[i - 1] == ',' ? i - 1 : i;
      if (from == i && end < json.size() && json[end] == ',') ++end;
      out.append(json.substr(copied, from - copied));
      copied = end;
      i = end - 1;
    }
  }
  out.append(json.substr(copied));
  return out;
}

}  // namespace

Record record_from_document(const Xapian::Document& doc, bool with_entities) {
  std::string data = doc.get_data();
  std::size_t nul = data.find('\0');  // JSON never holds a raw NUL
  std::string_view stored = std::string_view(data).substr(0, nul);
  using nlohmann::json;
  Record r = record_from_stored_json(with_entities ? json::parse(stored) : json::parse(without_entities(stored)));
  if (nul == std::string::npos) return r;
  r.body = data.substr(nul + 1);
  return r;
}

}  // namespace opis
