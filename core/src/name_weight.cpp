// NameWeightSource: mention-count weights for person and place terms.
#include "opis/name_weight.h"

#include <cmath>

#include <fmt/format.h>

namespace opis {

NameWeightSource::NameWeightSource(std::string term, double scale) : m_term(std::move(term)), m_scale(scale) {}

double NameWeightSource::weight_of(Xapian::termcount wdf, double scale) {
  return wdf == 0 ? 0.0 : scale * (1.0 + std::log(static_cast<double>(wdf)));
}

void NameWeightSource::init(const Xapian::Database& db) {
  m_db = db;
  m_it = db.postlist_begin(m_term);
  m_end = db.postlist_end(m_term);
  m_tf = db.get_termfreq(m_term);
  m_started = false;
  // The most mentions of any record bounds the weight (wdf upper bound).
  set_maxweight(m_tf ? weight_of(std::max<Xapian::termcount>(1, db.get_wdf_upper_bound(m_term)), m_scale) : 0.0);
}

Xapian::doccount NameWeightSource::get_termfreq_min() const { return m_tf; }
Xapian::doccount NameWeightSource::get_termfreq_est() const { return m_tf; }
Xapian::doccount NameWeightSource::get_termfreq_max() const { return m_tf; }

double NameWeightSource::get_weight() const { return weight_of(m_it.get_wdf(), m_scale); }

void NameWeightSource::next(double) {
  if (!m_started) m_started = true;
  else ++m_it;
}

void NameWeightSource::skip_to(Xapian::docid did, double) {
  m_started = true;
  m_it.skip_to(did);
}

bool NameWeightSource::at_end() const { return m_started && m_it == m_end; }

Xapian::docid NameWeightSource::get_docid() const { return *m_it; }

NameWeightSource* NameWeightSource::clone() const { return new NameWeightSource(m_term, m_scale); }

std::string NameWeightSource::name() const { return "opis::NameWeightSource"; }

std::string NameWeightSource::serialise() const { return fmt::format("{:.17g}\n{}", m_scale, m_term); }

NameWeightSource* NameWeightSource::unserialise(const std::string& s) const {
  auto nl = s.find('\n');
  if (nl == std::string::npos) throw Xapian::SerialisationError("bad opis::NameWeightSource parameters");
  return new NameWeightSource(s.substr(nl + 1), std::stod(s.substr(0, nl)));
}

std::string NameWeightSource::get_description() const {
  return fmt::format("opis::NameWeightSource({} x{})", m_term, m_scale);
}

}  // namespace opis
