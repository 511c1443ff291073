// Cuts small OSM extracts out of a large one, as seed inputs for the OSM
// ingest fuzzers: libFuzzer mutates small inputs far faster than a whole city.
//
//   make_osm_seeds INPUT OUTPUT_FOLDER [SEED_COUNT] [WAYS_PER_SEED]
//
// Writes SEED_COUNT (default 20) pairs NAME-N.osm and NAME-N.osm.pbf, where NAME
// is the input's file name without extensions. Each contains WAYS_PER_SEED
// (default 12) consecutive ways, spread evenly over the input, with every node
// they use. Exits 1 with a message on any error.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include <osmium/io/any_input.hpp>
#include <osmium/io/any_output.hpp>
#include <osmium/memory/buffer.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>

namespace {

struct Extract {
  std::vector<osmium::memory::Buffer> buffers;  // own the objects the pointers below refer to
  std::unordered_map<osmium::object_id_type, const osmium::Node*> nodes;
  std::vector<const osmium::Way*> ways;
};

Extract read_extract(const std::string& path) {
  Extract extract;
  osmium::io::Reader reader(path, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way);
  while (osmium::memory::Buffer buffer = reader.read()) extract.buffers.push_back(std::move(buffer));
  reader.close();
  for (auto& buffer : extract.buffers) {
    for (const auto& node : buffer.select<osmium::Node>()) extract.nodes.emplace(node.id(), &node);
    for (const auto& way : buffer.select<osmium::Way>()) extract.ways.push_back(&way);
  }
  return extract;
}

void write_seed(const Extract& extract, std::size_t first_way, std::size_t way_count, const std::string& path) {
  const std::size_t last_way = std::min(extract.ways.size(), first_way + way_count);
  std::vector<osmium::object_id_type> node_ids;
  for (std::size_t i = first_way; i < last_way; ++i) {
    for (const auto& reference : extract.ways[i]->nodes()) node_ids.push_back(reference.ref());
  }
  std::sort(node_ids.begin(), node_ids.end());
  node_ids.erase(std::unique(node_ids.begin(), node_ids.end()), node_ids.end());

  osmium::io::Header header;
  header.set("generator", "pitstop make_osm_seeds");
  osmium::io::Writer writer(path, header, osmium::io::overwrite::allow);
  for (const auto id : node_ids) {
    const auto found = extract.nodes.find(id);
    if (found != extract.nodes.end()) writer(*found->second);
  }
  for (std::size_t i = first_way; i < last_way; ++i) writer(*extract.ways[i]);
  writer.close();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 5) {
    std::fprintf(stderr, "usage: %s INPUT OUTPUT_FOLDER [SEED_COUNT] [WAYS_PER_SEED]\n", argv[0]);
    return 1;
  }
  try {
    const std::string input = argv[1];
    const std::filesystem::path output = argv[2];
    const std::size_t seed_count = argc > 3 ? std::stoul(argv[3]) : 20;
    const std::size_t ways_per_seed = argc > 4 ? std::stoul(argv[4]) : 12;

    const Extract extract = read_extract(input);
    if (extract.ways.empty()) {
      std::fprintf(stderr, "make_osm_seeds: %s contains no ways\n", input.c_str());
      return 1;
    }
    std::filesystem::create_directories(output);
    const std::size_t stride = std::max<std::size_t>(1, extract.ways.size() / seed_count);
    const std::string stem = std::filesystem::path(input).stem().stem().string();
    for (std::size_t seed = 0; seed < seed_count && seed * stride < extract.ways.size(); ++seed) {
      const std::string name = (output / (stem + "-" + std::to_string(seed))).string();
      write_seed(extract, seed * stride, ways_per_seed, name + ".osm");
      write_seed(extract, seed * stride, ways_per_seed, name + ".osm.pbf");
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "make_osm_seeds: %s\n", error.what());
    return 1;
  }
  return 0;
}
