// Place coordinates for the map (place_coordinates.h).
#include "opis/entities/place_coordinates.h"

#include <charconv>
#include <filesystem>
#include <fstream>

#include "opis/base/text.h"

namespace opis {

std::string place_coordinates_path(const std::string& gazetteer_path) {
  if (gazetteer_path.empty()) return "";
  return (std::filesystem::path(gazetteer_path).parent_path() / "place-coords.tsv").string();
}

std::unordered_map<std::string, LatLon> load_place_coordinates(const std::string& path) {
  std::unordered_map<std::string, LatLon> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto cols = split_fields(line);
    if (cols.size() != 3) continue;
    LatLon ll;
    auto a = std::from_chars(cols[1].data(), cols[1].data() + cols[1].size(), ll.lat);
    auto b = std::from_chars(cols[2].data(), cols[2].data() + cols[2].size(), ll.lon);
    if (a.ec != std::errc() || b.ec != std::errc() || ll.lat < -90 || ll.lat > 90 || ll.lon < -180 || ll.lon > 180)
      continue;
    out.emplace(cols[0], ll);
  }
  return out;
}

}  // namespace opis
