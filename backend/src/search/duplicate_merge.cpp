#include "search/duplicate_merge.hpp"

#include <algorithm>
#include <numbers>
#include <numeric>
#include <string>
#include <tuple>

#include "geo/lat_lon.hpp"
#include "search/search_words.hpp"

namespace pitstop {
namespace {

// Metres per degree of latitude on the sphere that haversine_m uses. Two
// points are never closer than their latitude difference times this.
constexpr double kMetresPerDegreeLat = kEarthRadius_m * std::numbers::pi / 180.0;

struct KeyedPlace {
  std::string key;  // the name's search words joined by spaces
  Place place;
};

std::string name_key(const std::string& name) {
  std::string key;
  for (const auto& word : split_search_words(name)) {
    if (!key.empty()) key.push_back(' ');
    key += word;
  }
  return key;
}

bool canonical_less(const KeyedPlace& a, const KeyedPlace& b) {
  return std::tie(a.place.kind, a.key, a.place.location.lat, a.place.location.lon, a.place.name,
                  a.place.category, a.place.detail) <
         std::tie(b.place.kind, b.key, b.place.location.lat, b.place.location.lon, b.place.name,
                  b.place.category, b.place.detail);
}

bool same_group(const KeyedPlace& a, const KeyedPlace& b) {
  return a.place.kind == b.place.kind && a.key == b.key;
}

// Union-find over the members of one group.
class DisjointSets {
 public:
  explicit DisjointSets(std::size_t size) : parent_(size) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }

  std::size_t find(std::size_t item) {
    while (parent_[item] != item) {
      parent_[item] = parent_[parent_[item]];
      item = parent_[item];
    }
    return item;
  }

  void unite(std::size_t a, std::size_t b) {
    const auto root_a = find(a);
    const auto root_b = find(b);
    if (root_a != root_b) parent_[std::max(root_a, root_b)] = std::min(root_a, root_b);
  }

 private:
  std::vector<std::size_t> parent_;
};

// Links members closer than max_gap_m. The group is sorted by latitude, so
// the inner loop stops once the latitude difference alone exceeds the gap.
void link_close_members(const std::vector<KeyedPlace>& group, double max_gap_m,
                        DisjointSets& sets) {
  const double max_gap_deg_lat = max_gap_m / kMetresPerDegreeLat;
  for (std::size_t i = 0; i < group.size(); ++i) {
    for (std::size_t j = i + 1; j < group.size(); ++j) {
      const auto a = group[i].place.location;
      const auto b = group[j].place.location;
      if (b.lat - a.lat > max_gap_deg_lat) break;
      if (haversine_m(a, b) <= max_gap_m) sets.unite(i, j);
    }
  }
}

// Picks the member of a chain nearest to the chain's centroid. The lowest
// index wins a tie.
std::size_t pick_representative(const std::vector<KeyedPlace>& group,
                                const std::vector<std::size_t>& members) {
  LatLon centroid;
  for (const auto member : members) {
    centroid.lat += group[member].place.location.lat;
    centroid.lon += group[member].place.location.lon;
  }
  centroid.lat /= static_cast<double>(members.size());
  centroid.lon /= static_cast<double>(members.size());

  std::size_t best = members.front();
  double best_distance_m = haversine_m(group[best].place.location, centroid);
  for (const auto member : members) {
    const double distance_m = haversine_m(group[member].place.location, centroid);
    if (distance_m < best_distance_m) {
      best = member;
      best_distance_m = distance_m;
    }
  }
  return best;
}

void merge_group(std::vector<KeyedPlace> group, double max_gap_m, std::vector<Place>& output) {
  DisjointSets sets(group.size());
  link_close_members(group, max_gap_m, sets);

  std::vector<std::vector<std::size_t>> chains(group.size());
  for (std::size_t i = 0; i < group.size(); ++i) chains[sets.find(i)].push_back(i);

  for (const auto& members : chains) {
    if (members.empty()) continue;
    output.push_back(std::move(group[pick_representative(group, members)].place));
  }
}

}  // namespace

std::vector<Place> merge_nearby_duplicates(std::vector<Place> places, double max_gap_m) {
  std::vector<KeyedPlace> keyed;
  keyed.reserve(places.size());
  for (auto& place : places) {
    auto key = name_key(place.name);
    keyed.push_back({std::move(key), std::move(place)});
  }
  std::sort(keyed.begin(), keyed.end(), canonical_less);

  std::vector<Place> merged;
  merged.reserve(keyed.size());
  std::size_t group_start = 0;
  while (group_start < keyed.size()) {
    std::size_t group_end = group_start + 1;
    while (group_end < keyed.size() && same_group(keyed[group_start], keyed[group_end])) ++group_end;

    if (keyed[group_start].place.kind == PlaceKind::ParkingSpot) {
      for (std::size_t i = group_start; i < group_end; ++i) merged.push_back(std::move(keyed[i].place));
    } else {
      std::vector<KeyedPlace> group(std::make_move_iterator(keyed.begin() + group_start),
                                    std::make_move_iterator(keyed.begin() + group_end));
      merge_group(std::move(group), max_gap_m, merged);
    }
    group_start = group_end;
  }
  return merged;
}

}  // namespace pitstop
