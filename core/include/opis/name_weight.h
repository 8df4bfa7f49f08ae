// The weight of a person or place term: how much a record is about a name,
// by its number of mentions, not diluted by the record's length.
//
// Xapian's BM25 divides a term's weight by the document's length, so a long
// record that names Khrushchev fifteen times (record 209747) would rank
// below a short one naming him six times; for persons and places the number
// of mentions is what matters. This PostingSource walks a term's postings
// and weighs each record scale * (1 + ln(wdf)), where the writer sets wdf to
// the person's or place's mentions (entity_terms.cpp).
//
// It has name(), serialise(), unserialise() and clone(): register it with
// a Xapian::Registry to search remote databases.
#pragma once

#include <string>

#include <xapian.h>

namespace opis {

class NameWeightSource : public Xapian::PostingSource {
 public:
  NameWeightSource(std::string term, double scale);

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override;
  Xapian::doccount get_termfreq_est() const override;
  Xapian::doccount get_termfreq_max() const override;
  double get_weight() const override;
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override;
  Xapian::docid get_docid() const override;
  NameWeightSource* clone() const override;
  std::string name() const override;
  std::string serialise() const override;
  NameWeightSource* unserialise(const std::string& s) const override;
  std::string get_description() const override;

  /// scale * (1 + ln(wdf)); 0 for wdf 0.
  static double weight_of(Xapian::termcount wdf, double scale);

 private:
  std::string m_term;
  double m_scale;
  Xapian::Database m_db;
  Xapian::PostingIterator m_it, m_end;
  Xapian::doccount m_tf = 0;
  bool m_started = false;
};

}  // namespace opis
