// Citations: split a record's citation line into title, date, holding archive,
// archive reference, the people credited with their roles, and the URL.
//
//   "Title", November 19, 1958, Wilson Center Digital Archive, RGANI, f. 52,
//   op. 1, d. 566, ll. 8-11. Contributed by Sergey Radchenko and translated
//   by Angela Greenfield. <https://digitalarchive.umd.edu/document/209747>
//
// The record's own link is the angle-bracketed one that closes the citation;
// any other address in it is a source the record cites
// (docs/record-format.md#the-records-own-link-and-cited-sources).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace opis {

struct Citation {
  std::string title;                      ///< the quoted title, without quotes
  std::string date_text;                  ///< the date as written after the title
  std::string archive;                    ///< holding archive ("Wilson Center Digital Archive")
  std::string reference;                  ///< archive reference ("RGANI, f. 52, op. 1, ...")
  std::string url;                        ///< the record's own link: the last <http(s)://...>, see own_link()
  std::vector<std::string> cites;         ///< every other address in the citation, in order, once each
  std::vector<std::string> contributors;  ///< contributed, obtained, donated
  std::vector<std::string> translators;   ///< translated
  std::vector<std::string> transcribers;  ///< transcribed
  std::vector<std::string> editors;       ///< edited
};

/// An archive reference split into its parts. Which parts are set depends on
/// the system the reference follows (docs/record-format.md#archive-references):
///
///   russian  "RGANI, f. 52, op. 1, d. 566, ll. 8-11" (also Cyrillic ф., оп., д., л.)
///   german   "BArch, B 136/59748, 297-301"
///   us       "RG 59, Central Files, 611.61/11-1958"
///   ""       anything else: only the reference itself (the generic fallback)
struct ReferenceParts {
  std::string system;        ///< "russian", "german", "us" or ""
  std::string repository;    ///< "RGANI", "BArch"; "" when not named
  std::string fond;          ///< russian: f.
  std::string opis;          ///< russian: op.
  std::string delo;          ///< russian: d.
  std::string record_group;  ///< us: RG
  std::string series;        ///< german: the Bestand ("B 136"); us: the series ("Central Files")
  std::string file;          ///< german: the file ("59748"); us: the file ("611.61/11-1958")
  std::string pages;         ///< listy (ll.) or pages as written: "8-11", "5 ob.", "12-14ob."
  int first_page = 0;        ///< first page or leaf, 0 when none (a verso "5 ob." is leaf 5)
  int last_page = 0;         ///< last page or leaf, 0 when none
  bool operator==(const ReferenceParts&) const = default;
};

/// Split an archive reference into its parts. Never throws; a reference in
/// no known system gives system "" (and the repository when the first part
/// names one, as reference_repository()).
ReferenceParts parse_reference(std::string_view reference);

/// An address written in a citation.
struct CitationLink {
  std::string url;     ///< as written, without its brackets and closing punctuation
  std::size_t at = 0;  ///< where it starts in the text ('<' for an angle-bracketed link)
  std::size_t len = 0;
  bool angle = false;  ///< written "<http(s)://...>" (spaces allowed inside the brackets)
};

/// Every http(s) address in `text`, left to right: "<http(s)://...>" or a
/// bare "http(s)://..." up to white space or an angle bracket, without the
/// punctuation that closes its sentence (".", ",", ";", ":", "!", "?", quotes,
/// and ")" or "]" that do not close one opened in the address).
std::vector<CitationLink> find_links(std::string_view text);

/// Which of `links` (from find_links(text)) is the record's own: the last
/// angle-bracketed one; with none, a bare one that closes the text (only
/// white space and closing punctuation after it); else none (npos).
std::size_t own_link(std::string_view text, const std::vector<CitationLink>& links);

/// Parse a citation. Never throws; parts it cannot find stay empty. The own
/// link (own_link()) is `url` and is cut from the text before the other parts
/// are read; the other addresses are `cites` and stay in the text they sit in.
Citation parse_citation(std::string_view text);

/// Split "A, B and C" / "A and B" / "A, B, and C" into names.
std::vector<std::string> split_names(std::string_view text);

/// The repository of an archive reference: its first comma-separated part
/// when that looks like an archive's name or acronym ("RGANI" in
/// "RGANI, f. 52, ..."), else "".
std::string reference_repository(std::string_view reference);

}  // namespace opis
