// KWIC (keyword in context): a concordance of the matched words or phrases
// in the bodies of every record a query matches, one line per occurrence,
// with a few words of context either side.
//
// The searcher finds the records and the terms each matched by
// (Searcher::kwic); this file finds those terms again in the body text:
// it splits the body into words as Xapian's TermGenerator does (runs of
// letters, digits and marks, an apostrophe inside a word kept), compares
// them case- and diacritic-blind (text.h fold()), and a stem term (Z
// prefix) by the English stem of the word. A phrase is its words in a row;
// matched words next to each other (only spaces between) make one keyword.
// Words of text-field terms (title:force, "ZSforc") are looked for as plain
// words; person:/place: names as the written forms of the record's names,
// case-sensitively.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace opis {

/// One word of a text: where it is (bytes) and its folded form.
struct KwicToken {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string folded;  ///< fold() of the word
};

/// Split `text` into words as Xapian's TermGenerator does (close enough
/// for finding indexed words again).
std::vector<KwicToken> kwic_tokens(std::string_view text);

/// What to look for in a body.
struct KwicTerms {
  std::vector<std::vector<std::string>> phrases;  ///< each a run of folded words
  std::set<std::string> words;                    ///< folded words
  /// English stems (of the lower-cased word), and stems of other languages
  /// as ":" + code + ":" + stem (issue 16: the terms "Z:de:kongress"...).
  std::set<std::string> stems;
  std::vector<std::string> prefixes;  ///< wildcards: folded beginnings of words
  /// The written forms of one record's matched persons and places, each a
  /// run of words as written (kwic_name_phrases()); set per record. Matched
  /// case-sensitively, as highlight_names() does: the forms keep each
  /// spelling seen (BAGHDAD, Baghdad), and the place form "US" is not "us".
  std::vector<std::vector<std::string>> names;
  /// Folded word -> whether its stem is one of `stems` (stemming every
  /// word of every body was most of the time of a concordance).
  mutable std::unordered_map<std::string, bool> stem_cache;
  bool empty() const { return phrases.empty() && words.empty() && stems.empty() && prefixes.empty() && names.empty(); }
};

/// A term of a field of the record's own text (title, summary, handwritten,
/// footnote) as the plain term of the same word: "Sforce" -> "force", stem
/// "ZSforc" -> "Zforc". "" for any other term (plain words, names of
/// translators and contributors, references, boolean and entity fields).
std::string kwic_field_word(const std::string& term);

/// Names as runs of words, for KwicTerms::names ("N.S. Khrushchev"
/// -> {"N", "S", "Khrushchev"}).
std::vector<std::vector<std::string>> kwic_name_phrases(const std::vector<std::string>& names);

/// The parts of a parsed query that KWIC can show: phrases (OP_PHRASE of
/// unprefixed terms or of one text field's terms) and loose words and stems
/// (kwic_terms_for() keeps the plain ones and those of text fields). Terms
/// of negated branches are left out.
struct KwicQueryTerms {
  std::vector<std::vector<std::string>> phrases;  ///< terms as in the query (lower-case)
  std::set<std::string> phrase_terms;             ///< every term inside a phrase
  std::set<std::string> loose_terms;              ///< terms outside phrases (Z stems included)
  std::vector<std::string> wildcards;             ///< unprefixed wildcard patterns (Khrush* -> "khrush")
};
KwicQueryTerms kwic_query_terms(const Xapian::Query& q);

/// What to look for: the query's phrases and wildcards, plus the loose words
/// and stems among `matched` (the query's loose terms, or the terms a record
/// matched), without terms that only stood inside a phrase. Text-field terms
/// count as their words (kwic_field_word()).
KwicTerms kwic_terms_for(const KwicQueryTerms& qt, const std::vector<std::string>& matched);

/// Only the words of the query's text-field terms (loose or inside a
/// phrase), for highlighting them in snippets: Xapian's highlights no
/// prefixed term.
KwicTerms kwic_field_terms(const KwicQueryTerms& qt);

/// Occurrences in `tokens`: token index ranges [first, last], sorted, not
/// overlapping; neighbours with only white space between merged.
std::vector<std::pair<std::size_t, std::size_t>> kwic_matches(std::string_view text,
                                                              const std::vector<KwicToken>& tokens,
                                                              const KwicTerms& terms);

/// One line of the concordance.
struct KwicLine {
  std::string id;
  std::string date;        ///< ISO at its precision, "" when undated
  std::string reference;   ///< archive reference (the archive when there is none)
  std::string left;        ///< up to N words before, on one line
  std::string keyword;     ///< the occurrence as written, on one line
  std::string right;       ///< up to N words after
  std::size_t offset = 0;  ///< byte offset of the keyword in the body
  bool cut_left = false;   ///< the body goes on before `left`
  bool cut_right = false;  ///< and after `right`
};

/// The lines of one body, `context` words either side.
std::vector<KwicLine> kwic_lines(std::string_view body, const KwicTerms& terms, unsigned context);

}  // namespace opis
