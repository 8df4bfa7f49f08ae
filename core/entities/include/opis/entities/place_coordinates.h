// Where places are: latitude and longitude of the gazetteer's cities, and of
// each country at its largest city, for opis-serve's place map (an SVG drawn
// offline). Generated at build time beside the gazetteer
// (scripts/make_gazetteer.py --coords-out, from GeoNames via libgeonames0).
#pragma once

#include <string>
#include <unordered_map>

namespace opis {

struct LatLon {
  double lat = 0;
  double lon = 0;
};

/// The coordinates file beside a gazetteer file (same folder,
/// place-coords.tsv); "" when `gazetteer_path` is "".
std::string place_coordinates_path(const std::string& gazetteer_path);

/// Canonical place name -> coordinates, read from `path` (TSV: name,
/// latitude, longitude; # comments). Empty when the file is absent; a
/// malformed line is skipped (the file is generated, not edited).
std::unordered_map<std::string, LatLon> load_place_coordinates(const std::string& path);

}  // namespace opis
