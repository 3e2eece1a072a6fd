// People for search tests and the search benchmark: names of many European spellings, with
// diacritics, hyphens and apostrophes, drawn with a fixed seed.
#pragma once

#include "issuer/people_search.h"

#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace accred::test {

inline std::vector<PersonSummary> generated_people(std::size_t count, unsigned seed) {
    static const std::vector<std::string> first = {
        "Élodie", "Łukasz",       "Søren",    "Þórður",   "Ðorđe",     "Zoë",
        "Ramón",  "José",         "Ångström", "Björn",    "Françoise", "Grzegorz",
        "Åsa",    "Jürgen",       "Œdipe",    "Mikołaj",  "Ştefan",    "Ioana",
        "Ana",    "Anna",         "Annabel",  "Mohammed", "Wei",       "Sean",
        "Seán",   "Marie-Claire", "Dženan",   "Ömer",     "Çağla",     "Nuño"};
    static const std::vector<std::string> last = {
        "Dubois-Łukasz",  "O'Brien",     "Müller",  "Nuñez",  "Wójcik",       "Ødegaard",
        "Dvořák",         "Kovačević",   "Strauß",  "Brontë", "Gaßner",       "Æbelø",
        "García Márquez", "Popescu",     "Ionescu", "Smith",  "van der Berg", "Le Bœuf",
        "Thorsson",       "Eriksdóttir", "Şahin",   "Nowak",  "Łódź",         "Novák",
        "Pérez",          "Dupont",      "Lefèvre", "Ćosić",  "Đukić",        "Bălan"};
    static const std::vector<std::string> delegations = {
        "Norway", "Poland",         "Côte d'Ivoire",  "Türkiye",   "España", "Ísland",
        "Česko",  "United Nations", "European Union", "Red Cross", "Press",  ""};
    static const std::vector<std::string> categories = {"delegate", "press", "staff"};
    std::mt19937 rng(seed);
    auto pick = [&](const std::vector<std::string>& from) {
        return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
    };
    std::vector<PersonSummary> people;
    people.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        char id[32];
        std::snprintf(id, sizeof id, "G%06zu", i);
        people.push_back({id, pick(first) + " " + pick(last), pick(delegations), pick(categories)});
    }
    return people;
}

} // namespace accred::test
