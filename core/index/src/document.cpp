// The document codec: Record -> Xapian document by the schema, and back.
#include "opis/index/document.h"

#include <cstdint>
#include <memory>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include <fmt/format.h>
#include <unicode/utf8.h>
#include <zlib.h>

#include "opis/base/language.h"
#include "opis/base/language_id.h"
#include "opis/base/text.h"
#include "opis/entities/name_key.h"
#include "opis/index/entity_terms.h"
#include "opis/index/language_stemmer.h"
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

// A term the TermGenerator made of CJK text (FLAG_CJK_NGRAM): a character
// unigram or bigram, never stemmed (the query side makes the same).
bool is_cjk_term(std::string_view word) {
  const auto c = static_cast<unsigned char>(word.empty() ? 0 : word[0]);
  return c >= 0xE2 && c <= 0xED;  // U+2E80..U+DFFF: CJK, kana, hangul
}

// The analysis of a document's words, after the TermGenerator wrote them
// (issue 16). For each word term (prefix + word as written, lower-cased):
//  - "l'Alsace-Lorraine", "d'Haskell", "dell'Italia": Xapian's TermGenerator
//    keeps an elided article in the word ("l'alsace"), so neither the phrase
//    "Alsace-Lorraine" nor the word Haskell found a French record that writes
//    them after an article. Such a word is indexed once more without the
//    article (entities' elision_length(), the list fold_name() uses).
//  - A word with accents or compatibility forms is indexed folded too
//    (search_fold(): "congrès" -> "congres", "straße" -> "strasse"), at the
//    same positions (phrases) and with the same weight, so that unaccented
//    queries find it; the word as written stays, for exact (=word) queries.
//  - Every word gets a stem term in the record's language (stem_prefix()),
//    its wdf the sum of the words with that stem, as the TermGenerator's
//    STEM_SOME made them, but for capitalised words too: a German noun is
//    always capitalised, and `Kongress` and `kongress` must find the same.
//    Words in a language without a stemmer get none (searched as written).
//    The stem is language_stemmer()'s: Snowball's, after the dictionary's
//    lemma where the language has a dictionary (Polish, Italian, Swedish).
// Stemming once per distinct word of a document, not once per occurrence
// as the TermGenerator did, is what pays for the folding (docs/benchmarks.md).
// Runs over the text terms only, before any boolean term.
void add_analysed_terms(Xapian::Document& doc, std::string_view code) {
  struct Extra {
    std::string term;
    std::vector<Xapian::termpos> positions;
    Xapian::termcount wdf;
  };
  std::vector<Extra> extra;
  std::unordered_map<std::string, Xapian::termcount> stems;
  Xapian::Stem stem = language_stemmer(code);
  std::string prefix_of_stems, last_prefix = "\x01";
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string& term = *t;
    std::size_t body = 0;
    while (body < term.size() && term[body] >= 'A' && term[body] <= 'Z') ++body;
    const std::string_view prefix = std::string_view(term).substr(0, body);
    const std::string_view word = std::string_view(term).substr(body);
    if (word.empty()) continue;
    const Xapian::termcount wdf = t.get_wdf();
    auto positions = [&] {
      std::vector<Xapian::termpos> p;
      for (auto it = t.positionlist_begin(); it != t.positionlist_end(); ++it) p.push_back(*it);
      return p;
    };
    std::string folded = is_ascii(word) ? std::string(word) : search_fold(word);
    const std::size_t e = folded.find('\'') == std::string::npos ? 0 : elision_length(folded);
    if (folded != word) extra.push_back({std::string(prefix) + folded, positions(), wdf});
    if (e > 0) extra.push_back({std::string(prefix) + folded.substr(e), positions(), wdf});
    // No stem for CJK n-grams, nor for words that start with a digit (as
    // the TermGenerator's STEM_SOME: `1958` is searched as written).
    if (stem.is_none() || is_cjk_term(word) || (word[0] >= '0' && word[0] <= '9')) continue;
    if (prefix != last_prefix) {
      last_prefix = std::string(prefix);
      prefix_of_stems = stem_prefix(prefix, code);
    }
    // The word as written: a dictionary knows "stronę", not "strone".
    stems[prefix_of_stems + stem(std::string(word))] += wdf;
    if (e > 0) stems[prefix_of_stems + stem(folded.substr(e))] += wdf;
  }
  for (const auto& x : extra) {
    for (Xapian::termpos p : x.positions) doc.add_posting(x.term, p, 0);
    doc.add_term(x.term, x.wdf);
  }
  for (const auto& [term, wdf] : stems) doc.add_term(term, wdf);
}

}  // namespace

Xapian::Stem make_stemmer() { return language_stemmer("en"); }

Xapian::TermGenerator make_term_generator() {
  Xapian::TermGenerator tg;
  // Words as written, with positions (phrases); the stems, in the record's
  // language, are add_analysed_terms()'s. CJK runs as character n-grams.
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  return tg;
}

std::string stem_prefix(std::string_view field_prefix, std::string_view code) {
  std::string p = "Z" + std::string(field_prefix);
  if (code != "en") p += ":" + std::string(code) + ":";
  return p;
}

TextLanguage decide_text_language(const Record& r, const LanguageIdentifier* identifier) {
  TextLanguage out;
  auto given = [&](std::string_view name) {
    out.code = language_code(name);
    out.source = "given";
    out.confidence = 1;
    return out;
  };
  if (!r.text_language.empty() && r.text_language_source != "identified") return given(r.text_language);
  if (!r.translation_language.empty()) return given(r.translation_language);
  if (identifier) {
    const std::string& text = r.body.empty() ? r.summary : r.body;
    IdentifiedLanguage id = identifier->identify(text);
    if (!id.code.empty()) {
      out.code = id.code;
      // Metadata that agrees with the text: given.
      out.source = language_code(r.original_language) == id.code ? "given" : "identified";
      out.confidence = out.source == "given" ? 1 : id.confidence;
      return out;
    }
  }
  if (!r.original_language.empty()) return given(r.original_language);
  out.source = "undetermined";
  return out;
}

namespace {

// The display header: the fields a result line shows (printer.cpp's text
// and JSON lines: id, title, date, archive, reference, repository, names,
// languages, url, cited sources) and the summary a snippet may come from,
// in front of the stored JSON, so that a search shows a record without
// parsing that JSON (1.5 M of the 17.1 M instructions of `opis-search
// tunisia togo`, docs/benchmarks.md). Its layout: kDisplayMark, the
// header's length, then each field as its length and its bytes (a list as
// its count, then its strings; numbers as their own length-free varints).
// Written by hand: it is a list of strings and small numbers, which no
// serialisation at hand writes or reads without a parse of its own
// (nlohmann's BSON or CBOR would build a json object first).
constexpr char kDisplayMark = '\x01';  // stored JSON starts with '{'

void put_size(std::string& out, std::size_t n) {
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
}

// `s` as the stored JSON gives it back: invalid UTF-8 as U+FFFD (the
// JSON is dumped with error_handler_t::replace).
std::string as_stored(const std::string& s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  bool valid = true;
  for (int32_t i = 0; i < n && valid;) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    valid = c >= 0;
  }
  if (valid) return s;
  using nlohmann::json;
  return json::parse(json(s).dump(-1, ' ', false, json::error_handler_t::replace)).get<std::string>();
}

void put_text(std::string& out, const std::string& s) {
  const std::string t = as_stored(s);
  put_size(out, t.size());
  out += t;
}

void put_list(std::string& out, const std::vector<std::string>& v) {
  put_size(out, v.size());
  for (const auto& s : v) put_text(out, s);
}

void put_int(std::string& out, int v) {  // zig-zag: small negatives stay short
  put_size(out, (static_cast<unsigned>(v) << 1) ^ static_cast<unsigned>(v >> 31));
}

std::string display_header(const Record& r, const TextLanguage& lang) {
  std::string h;
  for (const std::string* s : {&r.id, &r.title, &r.summary, &r.archive, &r.reference, &r.repository,
                               &r.original_language, &lang.code, &lang.source, &r.url})
    put_text(h, *s);
  for (const auto* v : {&r.contributors, &r.translators, &r.editors, &r.cites}) put_list(h, *v);
  Date d = r.date;
  d.text = as_stored(d.text);
  d = stored_date(d);
  put_text(h, d.text);
  for (int v : {static_cast<int>(d.precision), d.start.year, d.start.month, d.start.day, d.end.year, d.end.month,
                d.end.day, static_cast<int>(d.qualifier), static_cast<int>(d.supplied), static_cast<int>(d.range),
                static_cast<int>(d.decade), static_cast<int>(d.end_precision)})
    put_int(h, v);
  std::string out(1, kDisplayMark);
  put_size(out, h.size());
  return out + h;
}

// Reads display_header()'s fields back, in the same order.
class HeaderReader {
 public:
  explicit HeaderReader(std::string_view s) : m_s(s) {}
  std::size_t size() {
    std::size_t n = 0;
    for (unsigned shift = 0; m_at < m_s.size() && shift < 64; shift += 7) {
      const auto b = static_cast<unsigned char>(m_s[m_at++]);
      n |= static_cast<std::size_t>(b & 0x7f) << shift;
      if (b < 0x80) return n;
    }
    throw std::runtime_error("stored record: display header cut short");
  }
  void text(std::string& out) {
    const std::size_t n = size();
    if (n > m_s.size() - m_at) throw std::runtime_error("stored record: display header cut short");
    out.assign(m_s.substr(m_at, n));
    m_at += n;
  }
  void list(std::vector<std::string>& out) {
    out.resize(size());
    for (auto& s : out) text(s);
  }
  int integer() {
    const auto z = static_cast<unsigned>(size());
    return static_cast<int>((z >> 1) ^ (~(z & 1) + 1));
  }

 private:
  std::string_view m_s;
  std::size_t m_at = 0;
};

// The header's bytes and where the JSON starts, in stored data; an empty
// header when the data has none (an index before schema 11).
std::pair<std::string_view, std::size_t> split_header(std::string_view data) {
  if (data.empty() || data[0] != kDisplayMark) return {{}, 0};
  HeaderReader length(data.substr(1));
  const std::size_t n = length.size();
  std::size_t at = 1;
  while (static_cast<unsigned char>(data[at]) >= 0x80) ++at;
  ++at;
  if (n > data.size() - at) throw std::runtime_error("stored record: display header cut short");
  return {data.substr(at, n), at + n};
}

// The persons and places of a record live in the value slot
// slot::entities (schema 12), not in the document data: glass inflates
// the whole data tag to read any of it, and every result line reads the
// data (the display header and the body, for the snippet), while only
// --record, exports, --kwic, opis-serve's pages and person:/place:
// queries want the persons and places, which were most of the compressed
// tag (inflating it was 3.1 M of the 11.9 M instructions of `opis-search
// tunisia togo`, docs/benchmarks.md). The value is the JSON object
// {"persons": [...], "places": [...]} as the stored record holds them,
// deflated by us: glass compresses the document data (its docdata table)
// with zlib, but stores values as they are (in the postlist table, which
// it does not compress), so the JSON kept raw in a slot would have grown
// the index by about its size: 5.8 KB a record, a fifth of the index at
// 10,000 generated records; deflated, 1.3 KB, and the index grew 0.4%
// (docs/benchmarks.md). Layout: the JSON's length as a varint, then a raw
// deflate stream (no zlib header nor checksum: Xapian's own tables keep
// the data safe).
std::string deflated(const std::string& text) {
  std::string out;
  put_size(out, text.size());
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib: cannot start deflating the persons and places");
  const std::size_t at = out.size();
  out.resize(at + deflateBound(&z, static_cast<uLong>(text.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data() + at);
  z.avail_out = static_cast<uInt>(out.size() - at);
  const int rc = deflate(&z, Z_FINISH);
  out.resize(at + z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib: cannot deflate the persons and places");
  return out;
}

// deflated()'s text back. Throws std::runtime_error on a value that is not
// one (cut short, or not a deflate stream of the length it says).
std::string inflated(std::string_view value) {
  HeaderReader length(value);
  const std::size_t n = length.size();
  std::size_t at = 0;
  while (static_cast<unsigned char>(value[at]) >= 0x80) ++at;
  ++at;
  std::string out(n, '\0');
  z_stream z{};
  if (inflateInit2(&z, -15) != Z_OK) throw std::runtime_error("zlib: cannot start inflating the persons and places");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(value.data() + at));
  z.avail_in = static_cast<uInt>(value.size() - at);
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(n);
  const int rc = inflate(&z, Z_FINISH);
  const bool whole = rc == Z_STREAM_END && z.total_out == n;
  inflateEnd(&z);
  if (!whole) throw std::runtime_error("stored record: persons and places cut short");
  return out;
}

// The stored persons and places of `doc` (its slot::entities value), as
// the JSON object {"persons": [...], "places": [...]}; both lists empty
// when the record has none (no value is stored then).
nlohmann::json stored_entities(const Xapian::Document& doc) {
  const std::string value = doc.get_value(slot::entities);
  if (value.empty()) return {{"persons", nlohmann::json::array()}, {"places", nlohmann::json::array()}};
  return nlohmann::json::parse(inflated(value));
}

}  // namespace

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
  const TextLanguage lang = decide_text_language(r, ctx.identifier);
  // Stems in the text's language; undetermined text in the default one.
  const std::string analysis = lang.code.empty() ? ctx.default_language : lang.code;
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
  add_analysed_terms(doc, analysis);
  // Passages in another language (an original beside its translation, a
  // TEI <div xml:lang>): their words are in the body already; their stems
  // in their own language are added, and the language to the record's
  // analysis languages (textlang:), so that queries stem in it too.
  std::set<std::string> part_languages;
  for (const auto& part : r.parts) {
    const std::string code = language_code(part.language);
    if (code.empty() || code == analysis || part.text.empty()) continue;
    part_languages.insert(code);
    if (!has_stemmer(code)) continue;
    Xapian::Document words;
    tg.set_document(words);
    tg.index_text(part.text, kBodyWeight);
    add_analysed_terms(words, code);
    const std::string stems = stem_prefix("", code);
    for (auto t = words.termlist_begin(); t != words.termlist_end(); ++t) {
      if ((*t).compare(0, stems.size(), stems) == 0) doc.add_term(*t, t.get_wdf());
    }
  }
  tg.set_document(doc);
  for (const auto& code : part_languages) doc.add_boolean_term(boolean_term(field("textlang"), code));
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
  // The analysis language: the query side stems a word in each language
  // the index holds (query_builder.cpp), and --lang filters by it.
  doc.add_boolean_term(boolean_term(field("textlang"), analysis));
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

  // Document data: the display header (display_header(), schema 11), the
  // record as JSON without its body, persons and places, a NUL, then the
  // body as is. Results then parse a few hundred bytes of JSON instead of
  // the whole text (measured 4x faster per query, bench/query_bench.cpp),
  // and a result line none (display_record_from_document()).
  nlohmann::json data = to_json(r);
  data.erase("body");
  data["text_language"] = lang.code;
  data["text_language_source"] = lang.source;
  data["text_language_confidence"] = lang.confidence;
  // The persons and places to their value slot (stored_entities(), schema
  // 12), each with its name terms, so that a search tells which of them a
  // query matched without folding their names again (Person::terms).
  using nlohmann::json;
  json entities = {{"persons", json::array()}, {"places", json::array()}};
  for (const char* key : {"persons", "places"}) {
    if (auto it = data.find(key); it != data.end()) {
      entities[key] = std::move(*it);
      data.erase(it);
    }
  }
  json& persons = entities["persons"];
  json& places = entities["places"];
  for (std::size_t i = 0; i < entity_terms.persons.size() && i < persons.size(); ++i) {
    persons[i]["terms"] = entity_terms.persons[i];
  }
  for (std::size_t i = 0; i < entity_terms.places.size() && i < places.size(); ++i) {
    places[i]["term"] = entity_terms.places[i];
  }
  if (!persons.empty() || !places.empty())
    doc.add_value(slot::entities, deflated(entities.dump(-1, ' ', false, json::error_handler_t::replace)));
  std::string stored = display_header(r, lang);
  stored += data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  stored += '\0';
  stored += r.body;
  doc.set_data(stored);
  return doc;
}

Record record_from_document(const Xapian::Document& doc, bool with_entities) {
  std::string data = doc.get_data();
  const std::size_t json_at = split_header(data).second;
  std::size_t nul = data.find('\0', json_at);  // JSON never holds a raw NUL
  std::string_view stored = std::string_view(data).substr(json_at, nul - json_at);
  nlohmann::json j = nlohmann::json::parse(stored);
  if (with_entities) {
    // Back in the record as they were before they had a slot of their own:
    // the same JSON object, so the same Record, --record and exports.
    nlohmann::json entities = stored_entities(doc);
    j["persons"] = std::move(entities["persons"]);
    j["places"] = std::move(entities["places"]);
  }
  Record r = record_from_stored_json(j);
  if (nul == std::string::npos) return r;
  r.body = data.substr(nul + 1);
  return r;
}

Record display_record_from_document(const Xapian::Document& doc, bool with_entities) {
  std::string data = doc.get_data();
  const auto [header, json_at] = split_header(data);
  if (json_at == 0) return record_from_document(doc, with_entities);  // no header: the JSON
  Record r;
  HeaderReader in(header);
  for (std::string* s : {&r.id, &r.title, &r.summary, &r.archive, &r.reference, &r.repository, &r.original_language,
                         &r.text_language, &r.text_language_source, &r.url})
    in.text(*s);
  for (auto* v : {&r.contributors, &r.translators, &r.editors, &r.cites}) in.list(*v);
  Date& d = r.date;
  in.text(d.text);
  d.precision = static_cast<DatePrecision>(in.integer());
  d.start.year = in.integer();
  d.start.month = in.integer();
  d.start.day = in.integer();
  d.end.year = in.integer();
  d.end.month = in.integer();
  d.end.day = in.integer();
  d.qualifier = static_cast<DateQualifier>(in.integer());
  d.supplied = in.integer() != 0;
  d.range = in.integer() != 0;
  d.decade = in.integer() != 0;
  d.end_precision = static_cast<DatePrecision>(in.integer());
  if (with_entities) {
    Record e = record_from_stored_json(stored_entities(doc));
    r.persons = std::move(e.persons);
    r.places = std::move(e.places);
  }
  const std::size_t nul = data.find('\0', json_at);
  if (nul != std::string::npos) {
    data.erase(0, nul + 1);
    r.body = std::move(data);
  }
  return r;
}

}  // namespace opis
