// The ranking regression set (issue 5): queries a researcher would type
// against the sample collection and the real record, each with the records
// judged relevant. ranking_test.cpp checks their ranks; serve_test.cpp
// checks that opis-serve's /api/search answers them as opis-search does.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace opis::test {

struct Judged {
  std::string query;
  std::set<std::string> relevant;
  const char* why;
};

inline const std::vector<Judged> kQueries = {
    {"Baghdad", {"9010", "209747"}, "Baghdad in the title, above records that mention it"},
    {"Nasser", {"9025", "9009"}, "Nasser in the title"},
    {"Khrushchev", {"9013", "9203", "9012", "209747"}, "Khrushchev in the title"},
    {"Berlin", {"9015"}, "the record on the sector border in Berlin"},
    {"Cairo", {"9025"}, "Cairo in the title"},
    {"oil", {"9005"}, "the oil dispute"},
    {"consul", {"9001", "9002"}, "a consul's report in the title"},
    {"Tehran", {"9005"}, "the embassy in Tehran, in the title"},
    {"\"military force\"", {"209747"}, "the phrase"},
    {"\"Soviet Union\" Baghdad", {"209747", "9010"}, "phrase and place"},
    {"person:Khrushchev", {"209747"}, "the record naming him most (15 mentions)"},
    {"person:Krushchev", {"209747"}, "a variant spelling finds the same record first"},
    {"person:Nasser", {"9009", "9025"}, "the records about Nasser"},
    {"place:Berlin", {"9015", "9006"}, "the records about Berlin"},
    {"place:Tabriz", {"9001"}, "the report from Tabriz"},
    {"Iraqi revolution", {"209747", "9010"}, "the two records on the Iraqi revolution"},
};

}  // namespace opis::test
