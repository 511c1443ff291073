#include "ingest/osm_pbf_blob_check.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>

#include <protozero/exception.hpp>
#include <protozero/pbf_reader.hpp>

#include "geo/errors.hpp"

namespace pitstop {
namespace {

// BlobHeader field numbers of the OSM PBF format, as libosmium 2.19 lists them
// in osmium/io/detail/protobuf_tags.hpp.
constexpr protozero::pbf_tag_type kTypeField = 1;
constexpr protozero::pbf_tag_type kDatasizeField = 3;

// libosmium 2.19's limit for one BlobHeader (max_blob_header_size in
// osmium/io/detail/pbf.hpp). It rejects longer ones too.
constexpr std::uint32_t kMaxBlobHeaderBytes = 64 * 1024;
constexpr std::size_t kLengthPrefixBytes = 4;
constexpr std::size_t kMaxQuotedChars = 40;

struct BlobHeader {
  std::optional<std::string> type;
  std::int32_t datasize_bytes = 0;
};

BlobHeader parse_blob_header(const std::string& bytes) {
  BlobHeader header;
  protozero::pbf_reader message{bytes};
  while (message.next()) {
    if (message.tag_and_type() == protozero::tag_and_type(kTypeField, protozero::pbf_wire_type::length_delimited)) {
      header.type = message.get_string();
    } else if (message.tag_and_type() == protozero::tag_and_type(kDatasizeField, protozero::pbf_wire_type::varint)) {
      header.datasize_bytes = message.get_int32();
    } else {
      message.skip();
    }
  }
  return header;
}

// The type cut to kMaxQuotedChars, with every byte outside printable ASCII
// replaced by '?'.
std::string printable(std::string_view text) {
  std::string result;
  for (const char c : text.substr(0, kMaxQuotedChars)) result += c >= 0x20 && c < 0x7f ? c : '?';
  if (text.size() > kMaxQuotedChars) result += "...";
  return result;
}

class BlobHeaderWalker {
 public:
  explicit BlobHeaderWalker(const std::string& path)
      : path_(path), file_(path, std::ios::binary), file_bytes_(std::filesystem::file_size(path)) {
    if (!file_) throw DataFileError("cannot open OSM file '" + path + "': check that it is readable");
  }

  void check_all() {
    for (std::size_t index = 0; offset_ < file_bytes_; ++index) check_next(index == 0 ? "OSMHeader" : "OSMData");
  }

 private:
  void check_next(std::string_view expected_type) {
    const std::uint32_t header_bytes = read_length_prefix();
    if (header_bytes > kMaxBlobHeaderBytes) {
      reject("is " + std::to_string(header_bytes) + " bytes long, more than libosmium's limit of 64 KiB");
    }
    const std::string bytes = read_bytes(kLengthPrefixBytes, header_bytes);

    BlobHeader header;
    try {
      header = parse_blob_header(bytes);
    } catch (const protozero::exception& error) {
      reject(std::string("is not a valid protobuf message (") + error.what() + ")");
    }
    if (!header.type) reject("has no type, but \"" + std::string(expected_type) + "\" is expected");
    if (*header.type != expected_type) {
      reject("has the type \"" + printable(*header.type) + "\", but \"" + std::string(expected_type) +
             "\" is expected");
    }
    if (header.datasize_bytes <= 0) {
      reject("has the datasize " + std::to_string(header.datasize_bytes) + ", but a blob is at least 1 byte");
    }

    const std::uint64_t blob_start = offset_ + kLengthPrefixBytes + header_bytes;
    if (static_cast<std::uint64_t>(header.datasize_bytes) > file_bytes_ - blob_start) {
      reject("announces a blob of " + std::to_string(header.datasize_bytes) + " bytes, but the file ends " +
             std::to_string(file_bytes_ - blob_start) + " bytes after the header");
    }
    offset_ = blob_start + static_cast<std::uint64_t>(header.datasize_bytes);
  }

  // The BlobHeader length, a 4-byte big-endian number.
  std::uint32_t read_length_prefix() {
    const std::string bytes = read_bytes(0, kLengthPrefixBytes);
    std::uint32_t length = 0;
    for (const char byte : bytes) length = (length << 8) | static_cast<unsigned char>(byte);
    return length;
  }

  // Reads `count` bytes that start `skip` bytes after the current BlobHeader.
  std::string read_bytes(std::uint64_t skip, std::size_t count) {
    if (count > file_bytes_ - offset_ - skip) reject("is cut off by the end of the file");
    std::string bytes(count, '\0');
    file_.seekg(static_cast<std::streamoff>(offset_ + skip));
    file_.read(bytes.data(), static_cast<std::streamsize>(count));
    if (!file_) throw DataFileError("cannot read OSM file '" + path_ + "' at byte " + std::to_string(offset_ + skip));
    return bytes;
  }

  [[noreturn]] void reject(const std::string& problem) const {
    throw DataFileError("invalid OSM PBF file '" + path_ + "': the BlobHeader at byte " + std::to_string(offset_) +
                        " " + problem + ". The file is damaged or not an OSM PBF file: download the extract again");
  }

  std::string path_;
  std::ifstream file_;
  std::uint64_t file_bytes_;
  std::uint64_t offset_ = 0;
};

}  // namespace

void check_osm_pbf_blob_headers(const std::string& path) {
  try {
    BlobHeaderWalker(path).check_all();
  } catch (const std::filesystem::filesystem_error& error) {
    throw DataFileError("cannot read OSM file '" + path + "': " + error.what());
  }
}

}  // namespace pitstop
